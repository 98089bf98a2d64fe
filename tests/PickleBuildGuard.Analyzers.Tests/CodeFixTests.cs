using System.Linq;
using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class CodeFixTests
{
    [Fact]
    public Task Guard_is_inserted_before_the_statement_with_the_using() => CodeFixVerifier.VerifyFixAsync(
        """
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream)
            {
                var unpickler = new Unpickler();
                return unpickler.load(stream);
            }
        }
        """,
        """
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream)
            {
                var unpickler = new Unpickler();
                PickleGuard.EnsureSafe(stream);
                return unpickler.load(stream);
            }
        }
        """);

    [Fact]
    public Task Existing_using_is_kept_and_an_embedded_statement_becomes_a_block() => CodeFixVerifier.VerifyFixAsync(
        """
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object? M(byte[] data, bool flag)
            {
                if (flag)
                    return new Unpickler().loads(data);
                return null;
            }
        }
        """,
        """
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object? M(byte[] data, bool flag)
            {
                if (flag)
                {
                    PickleGuard.EnsureSafe(data);
                    return new Unpickler().loads(data);
                }
                return null;
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_method_becomes_a_block_body() => CodeFixVerifier.VerifyFixAsync(
        """
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream) => new Unpickler().load(stream);

            void N(Stream stream) => new Unpickler().load(stream);
        }
        """,
        """
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

            void N(Stream stream) => new Unpickler().load(stream);
        }
        """);

    [Fact]
    public Task Path_inside_the_load_argument_is_the_guarded_expression() => CodeFixVerifier.VerifyFixAsync(
        """
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            object M(string path)
            {
                using var unpickler = new Unpickler();
                return unpickler.load(File.OpenRead(path));
            }
        }
        """,
        """
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object M(string path)
            {
                using var unpickler = new Unpickler();
                PickleGuard.EnsureSafe(path);
                return unpickler.load(File.OpenRead(path));
            }
        }
        """);

    [Fact]
    public Task Interpolation_hole_of_Python_code_is_the_guarded_expression() => CodeFixVerifier.VerifyFixAsync(
        """
        using Python.Runtime;

        class C
        {
            void M(int epoch, string path)
            {
                PythonEngine.Exec($"import pickle\nprint({epoch})\nmodel = pickle.load(open(r'{path}', 'rb'))");
            }
        }
        """,
        """
        using PickleBuildGuard;
        using Python.Runtime;

        class C
        {
            void M(int epoch, string path)
            {
                PickleGuard.EnsureSafe(path);
                PythonEngine.Exec($"import pickle\nprint({epoch})\nmodel = pickle.load(open(r'{path}', 'rb'))");
            }
        }
        """);

    [Fact]
    public Task Pythonnet_dynamic_call_and_child_process_get_the_guard() => CodeFixVerifier.VerifyFixAllAsync(
        """
        using System.Diagnostics;
        using Python.Runtime;

        class C
        {
            object M(string weights)
            {
                dynamic torch = Py.Import("torch");
                return torch.load(weights);
            }

            void N(string model)
            {
                Process.Start("python", $"-c \"import joblib; joblib.load(r'{model}')\"");
            }
        }
        """,
        """
        using System.Diagnostics;
        using PickleBuildGuard;
        using Python.Runtime;

        class C
        {
            object M(string weights)
            {
                dynamic torch = Py.Import("torch");
                PickleGuard.EnsureSafe(weights);
                return torch.load(weights);
            }

            void N(string model)
            {
                PickleGuard.EnsureSafe(model);
                Process.Start("python", $"-c \"import joblib; joblib.load(r'{model}')\"");
            }
        }
        """);

    [Fact]
    public Task Fix_all_adds_one_guard_per_variable_and_keeps_separate_ones_after_a_write() => CodeFixVerifier.VerifyFixAllAsync(
        """
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            void M(Stream first, Stream second, byte[] data)
            {
                var a = new Unpickler().load(first);
                var b = new Unpickler().load(first);
                var c = new Unpickler().load(second) ?? new Unpickler().loads(data);
                data = new byte[0];
                var d = new Unpickler().loads(data);
            }
        }
        """,
        """
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            void M(Stream first, Stream second, byte[] data)
            {
                PickleGuard.EnsureSafe(first);
                var a = new Unpickler().load(first);
                var b = new Unpickler().load(first);
                PickleGuard.EnsureSafe(second);
                PickleGuard.EnsureSafe(data);
                var c = new Unpickler().load(second) ?? new Unpickler().loads(data);
                data = new byte[0];
                PickleGuard.EnsureSafe(data);
                var d = new Unpickler().loads(data);
            }
        }
        """);

    [Fact]
    public Task No_fix_for_constant_Python_code() => CodeFixVerifier.VerifyNoFixAsync("""
        using Python.Runtime;

        class C
        {
            void M() => PythonEngine.Exec("import pickle\nmodel = pickle.load(open('m.pkl', 'rb'))");
        }
        """);

    [Fact]
    public Task No_fix_when_two_variables_could_be_the_file() => CodeFixVerifier.VerifyNoFixAsync("""
        using Python.Runtime;

        class C
        {
            void M(string first, string second) =>
                PythonEngine.Exec($"import pickle\na = open(r'{first}', 'rb')\nb = open(r'{second}', 'rb')\nm = pickle.load(a)");
        }
        """);

    [Fact]
    public Task No_fix_for_a_directory_a_delegate_or_a_variable_declared_by_the_statement() => CodeFixVerifier.VerifyNoFixAsync("""
        using System;
        using System.IO;
        using Razorvine.Pickle;
        using TorchSharp;
        using TorchSharp.PyBridge;

        class C
        {
            void M(torch.nn.Module model, string directory, Unpickler unpickler)
            {
                model.load_checkpoint(directory);
                Func<Stream, object> load = unpickler.load;
                if (TryOpen(out var stream) && unpickler.load(stream) is { } value) { }
            }

            static bool TryOpen(out Stream stream) { stream = Stream.Null; return true; }
        }
        """);

    [Fact]
    public async Task No_fix_without_PickleBuildGuard_referenced()
    {
        var (project, _) = new TestProject().WithoutPickleGuard().WithSource("""
            using System.IO;
            using Razorvine.Pickle;

            class C
            {
                object M(Stream stream) => new Unpickler().load(stream);
            }
            """).Build();
        var diagnostic = Assert.Single(await TestProject.AnalyzeAsync(project));
        Assert.Empty(await CodeFixVerifier.ActionsForAsync(project.Documents.Single(), diagnostic));
    }
}
