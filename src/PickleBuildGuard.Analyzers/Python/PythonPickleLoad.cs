namespace PickleBuildGuard.Analyzers.Python;

/// <summary>A call (or reference) of a pickle-loading callable found in Python source.</summary>
/// <param name="Callable">Qualified name after resolving imports and aliases (<c>pickle.load</c>, <c>torch.load</c> …).</param>
/// <param name="Start">Offset of the name in the source.</param>
/// <param name="Length">Length of the name as written.</param>
/// <param name="ArgumentsStart">Offset just after the call's <c>(</c>; -1 when the name is not called.</param>
/// <param name="ArgumentsEnd">Offset of the closing <c>)</c> (or the end of the source when it is missing); -1 when not called.</param>
internal readonly record struct PythonPickleLoad(string Callable, int Start, int Length, int ArgumentsStart, int ArgumentsEnd)
{
    public bool Contains(int offset) => offset >= Start && offset < (ArgumentsEnd >= 0 ? ArgumentsEnd : Start + Length);
}
