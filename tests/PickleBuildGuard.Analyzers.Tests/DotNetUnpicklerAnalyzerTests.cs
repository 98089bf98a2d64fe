using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class DotNetUnpicklerAnalyzerTests
{
    private static Task VerifyAsync(string source) => new TestProject().WithSource(source).VerifyAsync(RuleIdentifiers.DotNetUnpickler);

    [Fact]
    public Task Unpickler_load_of_a_stream_is_reported() => VerifyAsync("""
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream) => [|new Unpickler().load(stream)|];
        }
        """);

    [Fact]
    public Task Unpickler_loads_of_bytes_is_reported() => VerifyAsync("""
        using Razorvine.Pickle;

        class C
        {
            object M(byte[] data)
            {
                using var unpickler = new Unpickler();
                return [|unpickler.loads(data)|];
            }
        }
        """);

    [Fact]
    public Task Subclass_of_Unpickler_is_reported_and_so_is_its_forwarding_override() => VerifyAsync("""
        using System.IO;
        using Razorvine.Pickle;

        class CustomUnpickler : Unpickler
        {
            public override object load(Stream stream) => [|base.load(stream)|];
        }

        class C
        {
            object M(Stream stream) => [|new CustomUnpickler().load(stream)|];
        }
        """);

    [Fact]
    public Task Unpickler_load_after_EnsureSafe_on_the_stream_is_silent() => VerifyAsync("""
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream)
            {
                PickleGuard.EnsureSafe(stream);
                return new Unpickler().load(stream);
            }
        }
        """);

    [Fact]
    public Task Path_guarded_then_opened_is_silent() => VerifyAsync("""
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object M(string path)
            {
                PickleGuard.EnsureSafe(path);
                return new Unpickler().load(File.OpenRead(path));
            }
        }
        """);

    [Fact]
    public Task TorchSharp_PyBridge_loaders_are_reported() => VerifyAsync("""
        using System.IO;
        using TorchSharp;
        using TorchSharp.Modules;
        using TorchSharp.PyBridge;

        class C
        {
            void M(torch.nn.Module model, OptimizerHelper optimizer, string path, Stream stream, string directory)
            {
                [|model.load_py(path)|];
                [|model.load_py(stream)|];
                [|model.load_checkpoint(directory)|];
                [|optimizer.load_py(path)|];
                [|PyTorchUnpickler.UnpickleStateDict(path)|];
                model.load_safetensors(path);
            }
        }
        """);

    [Fact]
    public Task TorchSharp_PyBridge_load_py_after_EnsureSafe_is_silent() => VerifyAsync("""
        using PickleBuildGuard;
        using TorchSharp;
        using TorchSharp.PyBridge;

        class C
        {
            void M(torch.nn.Module model, string path)
            {
                PickleGuard.EnsureSafe(path);
                model.load_py(path);
                PyTorchUnpickler.UnpickleStateDict(path);
            }
        }
        """);

    [Fact]
    public Task Unpickler_load_passed_as_a_delegate_is_reported() => VerifyAsync("""
        using System;
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            Func<Stream, object> M(Unpickler unpickler) => [|unpickler.load|];
        }
        """);

    [Fact]
    public Task A_load_method_of_an_unrelated_type_is_silent() => VerifyAsync("""
        using System.IO;

        class Unpickler
        {
            public object load(Stream stream) => stream;
            public object loads(byte[] data) => data;
        }

        class C
        {
            object M(Stream stream, byte[] data) => new Unpickler().load(stream) ?? new Unpickler().loads(data);
        }
        """);
}
