namespace PickleBuildGuard.Pickle;

/// <summary>The outcome of reading one opcode.</summary>
internal enum ReadStatus : byte
{
    /// <summary>An opcode was read.</summary>
    Ok,
    /// <summary>The range ended exactly at an opcode boundary.</summary>
    End,
    /// <summary>The range ended inside an opcode or its argument.</summary>
    Truncated,
    /// <summary>The byte is not an opcode of any protocol.</summary>
    InvalidOpcode,
    /// <summary>The argument is not valid for its opcode (bad decimal, unquoted STRING, negative length…).</summary>
    InvalidArgument,
}
