namespace PickleBuildGuard.Analyzers.Tests.Stubs;

/// <summary>
/// pythonnet 3.x public surface (pythonnet/pythonnet src/runtime: Py.cs, PythonEngine.cs, PyModule.cs, PyObject.cs) as
/// far as the analyzer touches it, plus the 2.x <c>PythonEngine.ImportModule</c> and <c>PyScope</c>. The package is
/// not on the mirror; only namespaces and signatures matter, the bodies never run.
/// </summary>
internal static class PythonNetStub
{
    public const string Source = """
        #nullable enable
        namespace Python.Runtime
        {
            public class PyObject : System.Dynamic.DynamicObject, System.IDisposable
            {
                public PyObject GetAttr(string name) => throw null!;
                public PyObject GetAttr(string name, PyObject _default) => throw null!;
                public PyObject InvokeMethod(string name, params PyObject[] args) => throw null!;
                public PyObject InvokeMethod(string name, PyTuple args) => throw null!;
                public PyObject InvokeMethod(string name, PyObject[] args, PyDict? kw) => throw null!;
                public PyObject Invoke(params PyObject[] args) => throw null!;
                public PyObject Invoke(PyObject[] args, PyDict? kw) => throw null!;
                public T As<T>() => throw null!;
                public void Dispose() { }
            }

            public class PyTuple : PyObject { }

            public class PyDict : PyObject { }

            public class PyModule : PyObject
            {
                public static PyObject Import(string name) => throw null!;
                public PyModule Import(string name, string? asname = null) => throw null!;
                public PyModule Import(PyModule module, string asname) => throw null!;
                public PyModule Exec(string code, PyDict? locals = null) => throw null!;
                public PyObject Eval(string code, PyDict? locals = null) => throw null!;
                public static PyModule FromString(string name, string code, string file = "") => throw null!;
                public PyModule Set(string name, object? value) => throw null!;
            }

            public class PyScope : PyObject
            {
                public PyScope Import(string name, string? asname = null) => throw null!;
                public void Exec(string code, PyDict? locals = null) { }
                public PyObject Eval(string code, PyDict? locals = null) => throw null!;
            }

            public static class Py
            {
                public static PyObject Import(string name) => throw null!;
                public static PyModule CreateScope() => throw null!;
                public static PyModule CreateScope(string name) => throw null!;
                public static GILState GIL() => throw null!;

                public class GILState : System.IDisposable
                {
                    public void Dispose() { }
                }
            }

            public enum RunFlagType
            {
                Single = 256,
                File = 257,
                Eval = 258,
            }

            public class PythonEngine
            {
                public static void Initialize() { }
                public static void Exec(string code, PyDict? globals = null, PyObject? locals = null) { }
                public static PyObject Eval(string code, PyDict? globals = null, PyObject? locals = null) => throw null!;
                public static int RunSimpleString(string code) => 0;
                public static PyObject Compile(string code, string filename = "", RunFlagType mode = RunFlagType.File) => throw null!;
                [System.Obsolete("Use Exec/Eval")]
                public static PyObject RunString(string code, PyDict? globals = null, PyObject? locals = null) => throw null!;
                public static PyObject ImportModule(string name) => throw null!;
            }

            public static class ConverterExtension
            {
                public static PyObject ToPython(this object? o) => throw null!;
            }
        }
        """;
}
