namespace PickleBuildGuard.Machine;

/// <summary>The type of a symbolic value on the stack or in the memo.</summary>
internal enum ValueKind : byte
{
    Unknown,
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    /// <summary>A global resolved by GLOBAL, STACK_GLOBAL or INST, or derived from a call such as getattr/__import__.</summary>
    Global,
    /// <summary>The object a call returned (REDUCE, NEWOBJ, OBJ, INST…).</summary>
    CallResult,
    /// <summary>An object produced by the loader's persistent_load hook.</summary>
    Persistent,
    /// <summary>An object resolved through the copyreg extension registry.</summary>
    Extension,
    /// <summary>An out-of-band buffer (protocol 5).</summary>
    Buffer,
}
