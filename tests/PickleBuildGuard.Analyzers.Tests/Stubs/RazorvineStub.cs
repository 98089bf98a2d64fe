namespace PickleBuildGuard.Analyzers.Tests.Stubs;

/// <summary>Razorvine.Pickle 1.5 (irmen/pickle dotnet/Razorvine.Pickle/Pickle/Pickle/Unpickler.cs): signatures only.</summary>
internal static class RazorvineStub
{
    public const string Source = """
        #nullable enable
        namespace Razorvine.Pickle
        {
            public interface IObjectConstructor
            {
                object construct(object[] args);
            }

            public class Unpickler : System.IDisposable
            {
                public Unpickler() { }
                public virtual object load(System.IO.Stream stream) => throw null!;
                public object loads(byte[] pickledata) => throw null!;
                public object loads(byte[] pickledata, int stackCapacity) => throw null!;
                public object loads(System.ReadOnlyMemory<byte> pickledata, int stackCapacity = 16) => throw null!;
                public static void registerConstructor(string module, string classname, IObjectConstructor constructor) { }
                public void close() { }
                public void Dispose() { }
            }
        }
        """;
}
