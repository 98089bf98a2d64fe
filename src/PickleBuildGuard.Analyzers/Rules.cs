using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers;

/// <summary>The rule table: one descriptor per <c>PBG2nnn</c> code.</summary>
public static class Rules
{
    public const string Category = "Security";

    // CWE-502 on every rule: each reports an unpickle of content the scanner has not seen.
    private static readonly string[] SecurityTags = ["CWE-502"];

    public static readonly DiagnosticDescriptor PythonNetPickleLoad = Create(
        RuleIdentifiers.PythonNetPickleLoad,
        "Pickle loaded through pythonnet without PickleGuard",
        "'{0}' is called through pythonnet on content that was not passed to PickleGuard.EnsureSafe first",
        "A Python function that unpickles (pickle.load, torch.load, joblib.load, numpy.load with allow_pickle=True …) is called through pythonnet on a module imported with Py.Import, PyModule.Import or PythonEngine.ImportModule. Unpickling runs code chosen by whoever wrote the file. Call PickleGuard.EnsureSafe on the same path, stream or bytes earlier in the method.");

    public static readonly DiagnosticDescriptor PythonCodeLoadsPickle = Create(
        RuleIdentifiers.PythonCodeLoadsPickle,
        "Python code that loads pickle is executed without PickleGuard",
        "Python code run by '{0}' loads pickle ('{1}') and the file was not passed to PickleGuard.EnsureSafe first",
        "Python source given to an embedded interpreter (pythonnet PythonEngine.Exec/Eval/RunSimpleString/Compile, PyModule.Exec/Eval/FromString, IronPython ScriptEngine.Execute/CreateScriptSourceFromString/ExecuteFile, CSnakes RunString/ImportModule with source) calls a function that unpickles. Call PickleGuard.EnsureSafe on the path or bytes that the code loads, earlier in the method.");

    public static readonly DiagnosticDescriptor IronPythonPickleLoad = Create(
        RuleIdentifiers.IronPythonPickleLoad,
        "Pickle loaded through IronPython without PickleGuard",
        "'{0}' is called through IronPython on content that was not passed to PickleGuard.EnsureSafe first",
        "A Python function that unpickles is called on a module imported with IronPython's ImportModule (dynamic call or ObjectOperations.InvokeMember). IronPython's pickle resolves arbitrary globals and calls them, as CPython's does. Call PickleGuard.EnsureSafe on the same path, stream or bytes earlier in the method.");

    public static readonly DiagnosticDescriptor CSnakesPickleLoad = Create(
        RuleIdentifiers.CSnakesPickleLoad,
        "Pickle loaded through CSnakes without PickleGuard",
        "'{0}' unpickles in Python code that CSnakes runs{1}",
        "A Python file that CSnakes generates wrappers for (a .py AdditionalFile), or a module reached through CSnakes' Import.ImportModule and PyObject.GetAttr, calls a function that unpickles. Route the file through PickleGuard.EnsureSafe in C# before calling the wrapper, or load a format that cannot run code.");

    public static readonly DiagnosticDescriptor DotNetUnpickler = Create(
        RuleIdentifiers.DotNetUnpickler,
        "Pickle parsed by a .NET unpickler without PickleGuard",
        "'{0}' parses pickle content that was not passed to PickleGuard.EnsureSafe first",
        "Razorvine.Pickle's Unpickler (and TorchSharp.PyBridge, which is built on it) parse pickle in-process; with registered constructors a pickle can create arbitrary .NET objects. Call PickleGuard.EnsureSafe on the same path, stream or bytes earlier in the method, or load safetensors.");

    public static readonly DiagnosticDescriptor PythonProcessLoadsPickle = Create(
        RuleIdentifiers.PythonProcessLoadsPickle,
        "Python child process loads pickle without PickleGuard",
        "The Python process started here loads pickle ('{0}') and the file was not passed to PickleGuard.EnsureSafe first",
        "Process.Start or a ProcessStartInfo runs python, py, uv, conda, pipenv or poetry with code (-c, -m pickle, or a script among the project's .py AdditionalFiles) that unpickles. Call PickleGuard.EnsureSafe on the file the process loads, earlier in the method.");

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description,
            RuleIdentifiers.HelpUri(id),
            SecurityTags);
}
