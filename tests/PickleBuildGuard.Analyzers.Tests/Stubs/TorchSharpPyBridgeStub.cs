namespace PickleBuildGuard.Analyzers.Tests.Stubs;

/// <summary>
/// TorchSharp's Module and TorchSharp.PyBridge's loaders (shaltielshmid/TorchSharp.PyBridge): signatures only.
/// </summary>
internal static class TorchSharpPyBridgeStub
{
    public const string Source = """
        #nullable enable
        namespace TorchSharp
        {
            public static partial class torch
            {
                public static partial class nn
                {
                    public abstract class Module : System.IDisposable
                    {
                        public void Dispose() { }
                    }
                }
            }
        }

        namespace TorchSharp.Modules
        {
            public class OptimizerHelper
            {
            }
        }

        namespace TorchSharp.PyBridge
        {
            using System.Collections.Generic;
            using System.IO;
            using TorchSharp;
            using TorchSharp.Modules;

            public static class PyBridgeModuleExtensions
            {
                public static torch.nn.Module load_py(this torch.nn.Module module, string location, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null) => throw null!;
                public static torch.nn.Module load_py(this torch.nn.Module module, Stream stream, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null, bool leaveOpen = false) => throw null!;
                public static torch.nn.Module load_checkpoint(this torch.nn.Module module, string path, string? checkpointName = null, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null) => throw null!;
                public static torch.nn.Module load_safetensors(this torch.nn.Module module, string location, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null) => throw null!;
            }

            public static class PyBridgeOptimizerExtensions
            {
                public static void load_py(this OptimizerHelper optimizer, string location) { }
                public static void load_py(this OptimizerHelper optimizer, Stream stream, bool leaveOpen = false) { }
            }

            public static class PyTorchUnpickler
            {
                public static System.Collections.Hashtable UnpickleStateDict(string file, bool skipTensorRead = false) => throw null!;
                public static System.Collections.Hashtable UnpickleStateDict(Stream stream, bool leaveOpen = false, bool skipTensorRead = false) => throw null!;
            }
        }
        """;
}
