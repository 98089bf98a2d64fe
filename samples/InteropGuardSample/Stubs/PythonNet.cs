// Stand-in for the pythonnet package (namespace and signatures of pythonnet 3.x); see README.md in this folder.
using System;
using System.Dynamic;

namespace Python.Runtime
{
    public class PyObject : DynamicObject, IDisposable
    {
        public PyObject GetAttr(string name) => throw new NotSupportedException("stub");

        public PyObject Invoke(params PyObject[] args) => throw new NotSupportedException("stub");

        public void Dispose()
        {
        }
    }

    public class PyDict : PyObject
    {
    }

    public static class Py
    {
        public static PyObject Import(string name) => throw new NotSupportedException("stub");

        public static IDisposable GIL() => throw new NotSupportedException("stub");
    }

    public class PythonEngine
    {
        public static void Exec(string code, PyDict? globals = null, PyObject? locals = null) => throw new NotSupportedException("stub");
    }
}
