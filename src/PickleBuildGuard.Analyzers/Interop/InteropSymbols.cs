using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>
/// The interop types a compilation references, resolved once at compilation start (DOTNET.md §3.1–§3.3).
/// <see cref="IsEmpty"/> lets the analyzer stop there for the projects that reference none.
/// </summary>
internal sealed class InteropSymbols
{
    private InteropSymbols(Compilation compilation)
    {
        if (DeclaredNamespaces.MayContain(compilation, "Python.Runtime"))
        {
            PythonNetPy = compilation.GetTypeByMetadataName("Python.Runtime.Py");
            PythonNetPyModule = compilation.GetTypeByMetadataName("Python.Runtime.PyModule");
            PythonNetPyScope = compilation.GetTypeByMetadataName("Python.Runtime.PyScope");
            PythonNetEngine = compilation.GetTypeByMetadataName("Python.Runtime.PythonEngine");
            PythonNetPyObject = compilation.GetTypeByMetadataName("Python.Runtime.PyObject");
        }

        if (DeclaredNamespaces.MayContain(compilation, "IronPython.Hosting"))
        {
            IronPythonHosting = compilation.GetTypeByMetadataName("IronPython.Hosting.Python");
        }

        if (DeclaredNamespaces.MayContain(compilation, "Microsoft.Scripting.Hosting"))
        {
            DlrScriptEngine = compilation.GetTypeByMetadataName("Microsoft.Scripting.Hosting.ScriptEngine");
            DlrScriptRuntime = compilation.GetTypeByMetadataName("Microsoft.Scripting.Hosting.ScriptRuntime");
            DlrObjectOperations = compilation.GetTypeByMetadataName("Microsoft.Scripting.Hosting.ObjectOperations");
        }

        if (DeclaredNamespaces.MayContain(compilation, "CSnakes.Runtime.Python"))
        {
            CSnakesImport = compilation.GetTypeByMetadataName("CSnakes.Runtime.Python.Import");
            CSnakesPyObject = compilation.GetTypeByMetadataName("CSnakes.Runtime.Python.PyObject");
        }

        if (DeclaredNamespaces.MayContain(compilation, "CSnakes.Runtime"))
        {
            CSnakesRunString = compilation.GetTypeByMetadataName("CSnakes.Runtime.PythonRunString");
            CSnakesEnvironment = compilation.GetTypeByMetadataName("CSnakes.Runtime.IPythonEnvironment");
        }
    }

    public INamedTypeSymbol? PythonNetPy { get; }

    public INamedTypeSymbol? PythonNetPyModule { get; }

    /// <summary>pythonnet 2.x name of <c>PyModule</c>.</summary>
    public INamedTypeSymbol? PythonNetPyScope { get; }

    public INamedTypeSymbol? PythonNetEngine { get; }

    public INamedTypeSymbol? PythonNetPyObject { get; }

    public INamedTypeSymbol? IronPythonHosting { get; }

    public INamedTypeSymbol? DlrScriptEngine { get; }

    public INamedTypeSymbol? DlrScriptRuntime { get; }

    public INamedTypeSymbol? DlrObjectOperations { get; }

    public INamedTypeSymbol? CSnakesImport { get; }

    public INamedTypeSymbol? CSnakesPyObject { get; }

    public INamedTypeSymbol? CSnakesRunString { get; }

    public INamedTypeSymbol? CSnakesEnvironment { get; }

    public bool HasPythonNet => PythonNetPy is not null || PythonNetEngine is not null || PythonNetPyModule is not null || PythonNetPyScope is not null;

    public bool HasIronPython => IronPythonHosting is not null || DlrScriptEngine is not null || DlrScriptRuntime is not null;

    public bool HasCSnakes => CSnakesImport is not null || CSnakesRunString is not null || CSnakesEnvironment is not null;

    public bool IsEmpty => !HasPythonNet && !HasIronPython && !HasCSnakes;

    /// <summary>
    /// Whether any interop namespace may be present, answered without symbols (see <see cref="DeclaredNamespaces"/>):
    /// the compilation-start test of the analyzers, which resolve <see cref="Create"/> in their first callback.
    /// </summary>
    public static bool MayBePresent(Compilation compilation) =>
        DeclaredNamespaces.MayContainAny(compilation, "Python.Runtime", "IronPython.Hosting", "Microsoft.Scripting.Hosting", "CSnakes.Runtime");

    // Three analyzers ask for the same compilation; resolve the thirteen names once.
    private static readonly ConditionalWeakTable<Compilation, InteropSymbols> Cache = new();

    public static InteropSymbols Create(Compilation compilation) => Cache.GetValue(compilation, static c => new InteropSymbols(c));

    /// <summary>
    /// When <paramref name="invocation"/> imports a module by name (<c>Py.Import("torch")</c>,
    /// <c>engine.ImportModule("pickle")</c>, CSnakes <c>Import.ImportModule("m")</c>), the name argument and runtime.
    /// </summary>
    public bool TryGetImport(IMethodSymbol method, out PythonRuntime runtime)
    {
        var type = method.ContainingType;
        runtime = default;
        switch (method.Name)
        {
            case "Import" when Is(type, PythonNetPy) || Is(type, PythonNetPyModule) || Is(type, PythonNetPyScope):
            case "ImportModule" when Is(type, PythonNetEngine):
                runtime = PythonRuntime.PythonNet;
                return true;
            case "ImportModule" when Is(type, IronPythonHosting) || Is(type, DlrScriptRuntime) || Is(type, DlrScriptEngine):
                runtime = PythonRuntime.IronPython;
                return true;
            case "ImportModule" when Is(type, CSnakesImport) && method.Parameters.Length == 1:
                runtime = PythonRuntime.CSnakes;
                return true;
            default:
                return false;
        }
    }

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);
}
