// Stand-in for the Razorvine.Pickle package (namespace and signatures of 1.5.x); see README.md in this folder.
using System;
using System.IO;

namespace Razorvine.Pickle
{
    public class Unpickler : IDisposable
    {
        public virtual object load(Stream stream) => throw new NotSupportedException("stub");

        public object loads(byte[] pickledata) => throw new NotSupportedException("stub");

        public void Dispose()
        {
        }
    }
}
