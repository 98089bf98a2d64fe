namespace PickleBuildGuard.Machine;

/// <summary>How a global came to be.</summary>
internal enum GlobalOrigin : byte
{
    /// <summary>Written literally by GLOBAL or INST.</summary>
    Literal,
    /// <summary>STACK_GLOBAL with literal string operands.</summary>
    StackLiteral,
    /// <summary>Computed at load time: getattr/__import__/resolve_name results, or STACK_GLOBAL operands that were not literals.</summary>
    Derived,
}
