namespace PickleBuildGuard.Analyzers.Tests.Stubs;

/// <summary>
/// IronPython hosting (IronLanguages/ironpython3 src/core/IronPython/Hosting/Python.cs) and the DLR hosting API
/// (IronLanguages/dlr Src/Microsoft.Scripting/Hosting): signatures only.
/// </summary>
internal static class IronPythonStub
{
    public const string Source = """
        #nullable enable
        namespace Microsoft.Scripting.Hosting
        {
            public sealed class ScriptEngine
            {
                public dynamic Execute(string expression) => throw null!;
                public dynamic Execute(string expression, ScriptScope scope) => throw null!;
                public T Execute<T>(string expression) => throw null!;
                public T Execute<T>(string expression, ScriptScope scope) => throw null!;
                public ScriptScope ExecuteFile(string path) => throw null!;
                public ScriptScope ExecuteFile(string path, ScriptScope scope) => throw null!;
                public ScriptSource CreateScriptSourceFromString(string expression) => throw null!;
                public ScriptSource CreateScriptSourceFromString(string code, string path) => throw null!;
                public ScriptSource CreateScriptSourceFromFile(string path) => throw null!;
                public ScriptScope CreateScope() => throw null!;
                public ObjectOperations Operations => throw null!;
                public ScriptRuntime Runtime => throw null!;
            }

            public sealed class ScriptScope : System.Dynamic.IDynamicMetaObjectProvider
            {
                public dynamic GetVariable(string name) => throw null!;
                public void SetVariable(string name, object? value) { }
                public System.Dynamic.DynamicMetaObject GetMetaObject(System.Linq.Expressions.Expression parameter) => throw null!;
            }

            public sealed class ScriptSource
            {
                public dynamic Execute() => throw null!;
                public dynamic Execute(ScriptScope scope) => throw null!;
            }

            public sealed class ScriptRuntime
            {
                public ScriptScope ImportModule(string moduleName) => throw null!;
                public ScriptScope ExecuteFile(string path) => throw null!;
                public ScriptScope UseFile(string path) => throw null!;
            }

            public sealed class ObjectOperations
            {
                public dynamic InvokeMember(object obj, string memberName, params object[] parameters) => throw null!;
                public dynamic Invoke(object obj, params object[] parameters) => throw null!;
            }
        }

        namespace IronPython.Hosting
        {
            using Microsoft.Scripting.Hosting;

            public static class Python
            {
                public static ScriptEngine CreateEngine() => throw null!;
                public static ScriptRuntime CreateRuntime() => throw null!;
                public static ScriptScope ImportModule(this ScriptEngine engine, string moduleName) => throw null!;
                public static ScriptScope ImportModule(this ScriptRuntime runtime, string moduleName) => throw null!;
            }
        }
        """;
}
