namespace PickleBuildGuard.Analyzers.Tests.Stubs;

/// <summary>CSnakes.Runtime (tonybaloney/CSnakes src/CSnakes.Runtime): the import, run-string and PyObject call APIs.</summary>
internal static class CSnakesStub
{
    public const string Source = """
        #nullable enable
        namespace CSnakes.Runtime
        {
            using System.Collections.Generic;
            using CSnakes.Runtime.Python;

            public interface IPythonEnvironment : System.IDisposable
            {
            }

            public static class PythonRunString
            {
                public static PyObject Execute(this IPythonEnvironment env, string code, IDictionary<string, PyObject> locals) => throw null!;
                public static PyObject Execute(this IPythonEnvironment env, string code, IDictionary<string, PyObject> locals, IDictionary<string, PyObject> globals) => throw null!;
                public static PyObject ExecuteExpression(this IPythonEnvironment env, string code) => throw null!;
                public static PyObject ExecuteExpression(this IPythonEnvironment env, string code, IDictionary<string, PyObject> locals, IDictionary<string, PyObject> globals) => throw null!;
            }
        }

        namespace CSnakes.Runtime.Python
        {
            public class PyObject : System.IDisposable
            {
                public virtual PyObject GetAttr(string name) => throw null!;
                public PyObject Call(params PyObject[] args) => throw null!;
                public PyObject CallWithArgs(PyObject[] args) => throw null!;
                public PyObject CallWithKeywordArguments(PyObject[] args, string[] kwnames, PyObject[] kwvalues) => throw null!;
                public static PyObject From<T>(T value) => throw null!;
                public T As<T>() => throw null!;
                public void Dispose() { }
            }

            public static class Import
            {
                public static PyObject ImportModule(string module) => throw null!;
                public static PyObject ImportModule(string module, string source, string path) => throw null!;
            }

            public static class GIL
            {
                public static System.IDisposable Acquire() => throw null!;
            }
        }
        """;
}
