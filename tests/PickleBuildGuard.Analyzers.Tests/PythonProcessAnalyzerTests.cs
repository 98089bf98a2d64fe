using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class PythonProcessAnalyzerTests
{
    private static Task VerifyAsync(string source) =>
        new TestProject().WithoutInteropLibraries().WithSource(source).VerifyAsync(RuleIdentifiers.PythonProcessLoadsPickle);

    [Fact]
    public Task Python_dash_c_with_a_pickle_load_is_reported() => VerifyAsync("""
        using System.Diagnostics;

        class C
        {
            void M(string path)
            {
                [|Process.Start("python", "-c \"import torch; torch.load('model.pt')\"")|];
                [|Process.Start("/usr/bin/python3.11", $"-c \"import pickle; pickle.load(open(r'{path}', 'rb'))\"")|];
                [|Process.Start("py.exe", new[] { "-c", "import joblib; joblib.load('m.joblib')" })|];
                [|Process.Start("uv", "run python -c \"import pandas as pd; pd.read_pickle('f.pkl')\"")|];
                [|Process.Start("bash", "-c \"python3 -c 'import pickle; pickle.loads(b)'\"")|];
                [|Process.Start("python", "-m pickle model.pkl")|];
            }
        }
        """);

    [Fact]
    public Task ProcessStartInfo_in_all_its_shapes_is_reported_at_the_start() => VerifyAsync("""
        using System.Diagnostics;

        class C
        {
            void M(string path)
            {
                var info = new ProcessStartInfo("python3") { Arguments = "-c \"import dill; dill.load(f)\"" };
                [|Process.Start(info)|];

                var listed = new ProcessStartInfo { FileName = "python" };
                listed.ArgumentList.Add("-c");
                listed.ArgumentList.Add($"import torch; torch.load(r'{path}')");
                using var started = [|Process.Start(listed)|];

                var process = new Process { StartInfo = { FileName = "python", Arguments = "-c \"import cloudpickle; cloudpickle.loads(b)\"" } };
                [|process.Start()|];

                var assigned = new Process();
                assigned.StartInfo.FileName = "conda";
                assigned.StartInfo.Arguments = "run -n ml python -c \"import joblib; joblib.load('m')\"";
                [|assigned.Start()|];
            }
        }
        """);

    [Fact]
    public Task Guarded_and_harmless_processes_are_silent() => VerifyAsync("""
        using System.Diagnostics;
        using PickleBuildGuard;

        class C
        {
            void M(string path, string program)
            {
                PickleGuard.EnsureSafe(path);
                Process.Start("python", $"-c \"import pickle; pickle.load(open(r'{path}', 'rb'))\"");
                Process.Start("python", "-c \"print('pickle.load')\"");
                Process.Start("python", "-c \"import torch; torch.load('m.pt', weights_only=True)\"");
                Process.Start("python", "-m json.tool data.json");
                Process.Start("git", "log -c pickle.load");
                Process.Start(program, "-c \"import pickle; pickle.loads(b)\"");
            }
        }
        """);

    [Fact]
    public Task Script_arguments_are_judged_by_the_py_AdditionalFiles() => new TestProject()
        .WithoutInteropLibraries()
        .WithSource("""
            using System.Diagnostics;

            class C
            {
                void M(string model)
                {
                    [|Process.Start("python", $"tools/score.py {model}")|];
                    Process.Start("python", $"tools/report.py {model}");
                }
            }
            """)
        .WithPythonFile("tools/score.py", "import sys, joblib\nclf = joblib.load(sys.argv[1])\n")
        .WithPythonFile("tools/report.py", "# joblib.load(sys.argv[1]) is not called here\nprint('report')\n")
        .VerifyAsync(RuleIdentifiers.PythonProcessLoadsPickle);
}
