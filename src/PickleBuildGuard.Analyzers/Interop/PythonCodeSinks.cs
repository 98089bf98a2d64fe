using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>
/// The APIs that run Python source given as a C# string, or a Python file named by one (DOTNET.md §3.1–§3.3),
/// and which of their parameters holds it.
/// </summary>
internal sealed class PythonCodeSinks
{
    private readonly InteropSymbols interop;

    public PythonCodeSinks(InteropSymbols interop)
    {
        this.interop = interop;
    }

    /// <summary>When <paramref name="method"/> runs Python code, the parameter holding it and whether it is a file path.</summary>
    public bool TryGetCodeParameter(IMethodSymbol method, out IParameterSymbol parameter, out bool isFilePath)
    {
        var type = method.ContainingType;
        isFilePath = false;
        string? parameterName = null;
        switch (method.Name)
        {
            // pythonnet 3: PythonEngine.Exec(string code, …), PyModule.Exec(string code, …), PyModule.FromString(string name, string code, …)
            case "Exec" or "Eval" or "RunSimpleString" or "RunString" or "Compile"
                when InteropSymbols.Is(type, interop.PythonNetEngine):
            case "Exec" or "Eval" or "FromString"
                when InteropSymbols.Is(type, interop.PythonNetPyModule) || InteropSymbols.Is(type, interop.PythonNetPyScope):
            // CSnakes: env.Execute(string code, …), env.ExecuteExpression(string code, …)
            case "Execute" or "ExecuteExpression" when InteropSymbols.Is(type, interop.CSnakesRunString):
                parameterName = "code";
                break;
            // CSnakes: Import.ImportModule(string module, string source, string path)
            case "ImportModule" when InteropSymbols.Is(type, interop.CSnakesImport):
                parameterName = "source";
                break;
            // DLR: engine.Execute(string expression, …), Execute<T>, CreateScriptSourceFromString(string expression|code, …)
            case "Execute" or "CreateScriptSourceFromString" when InteropSymbols.Is(type, interop.DlrScriptEngine):
                break;
            case "ExecuteFile" or "CreateScriptSourceFromFile" when InteropSymbols.Is(type, interop.DlrScriptEngine):
            case "ExecuteFile" or "UseFile" when InteropSymbols.Is(type, interop.DlrScriptRuntime):
                isFilePath = true;
                break;
            default:
                parameter = null!;
                return false;
        }

        foreach (var candidate in method.Parameters)
        {
            if (candidate.Type.SpecialType == SpecialType.System_String && (parameterName is null || candidate.Name == parameterName))
            {
                parameter = candidate;
                return true;
            }
        }

        parameter = null!;
        return false;
    }
}
