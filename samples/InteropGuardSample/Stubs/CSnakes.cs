// Stand-in for the CSnakes.Runtime package; its presence is what makes the analyzer read python/*.py. See README.md.
using System;

namespace CSnakes.Runtime
{
    public interface IPythonEnvironment : IDisposable
    {
    }
}
