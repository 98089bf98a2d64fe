namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>A C# value known to be a Python object: its qualified name (<c>torch</c>, <c>torch.hub.load</c>) and runtime.</summary>
internal readonly record struct PythonValue(string QualifiedName, PythonRuntime Runtime)
{
    public PythonValue Member(string name) => new(QualifiedName + "." + name, Runtime);
}
