namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>The embedding runtime a Python module object came from; decides the rule a call on it reports.</summary>
internal enum PythonRuntime
{
    PythonNet,
    IronPython,
    CSnakes,
}
