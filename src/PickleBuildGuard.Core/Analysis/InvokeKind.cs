namespace PickleBuildGuard.Analysis;

/// <summary>The opcode (or allowed callable) through which the loader calls something.</summary>
internal enum InvokeKind : byte
{
    Reduce,
    NewObj,
    NewObjEx,
    Obj,
    Inst,
    /// <summary>Called by an allowed callable that calls or instantiates its first argument (copyreg._reconstructor…).</summary>
    ByAllowedCallable,
}
