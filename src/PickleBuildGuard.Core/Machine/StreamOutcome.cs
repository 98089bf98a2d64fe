namespace PickleBuildGuard.Machine;

/// <summary>How the machine left one pickle stream.</summary>
internal enum StreamOutcome : byte
{
    /// <summary>STOP was executed.</summary>
    Stopped,
    /// <summary>The input ended inside the stream.</summary>
    Truncated,
    /// <summary>An invalid opcode or argument: a loader raises here.</summary>
    Invalid,
    /// <summary>A budget ran out (opcodes, stack, marks, memo, time).</summary>
    LimitReached,
}
