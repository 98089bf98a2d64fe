using System.IO;
using System.Linq;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>
/// Issue 5's acceptance in a fresh project that adds the package: pythonnet-shaped PythonEngine.Exec of pickle.load code,
/// a `python -c "import torch; torch.load(...)"` child process and a Razorvine-shaped Unpickler.load each get a PBG2nnn
/// warning at their line; the same calls preceded by PickleGuard.EnsureSafe(path) get none. pythonnet and Razorvine are
/// not on this machine's feed, so the project declares stubs with their real namespaces and signatures.
/// </summary>
public sealed class AnalyzerPackageTests
{
    private const string Stubs = """
        namespace Python.Runtime
        {
            public class PyObject { }
            public class PyDict : PyObject { }
            public static class PythonEngine
            {
                public static void Exec(string code, PyDict? globals = null, PyObject? locals = null) { }
            }
        }

        namespace Razorvine.Pickle
        {
            public class Unpickler : System.IDisposable
            {
                public object load(System.IO.Stream stream) => new object();
                public object loads(byte[] pickledata) => new object();
                public void Dispose() { }
            }
        }
        """;

    private const string Loads = """
        using System.Diagnostics;
        using System.IO;
        using PickleBuildGuard;
        using Python.Runtime;
        using Razorvine.Pickle;

        namespace Consumer;

        public static class Loads
        {
            public static void Unguarded(string path)
            {
                PythonEngine.Exec($"import pickle\nmodel = pickle.load(open(r'{path}', 'rb'))");
                Process.Start("python", $"-c \"import torch; torch.load(r'{path}')\"");
                using var stream = File.OpenRead(path);
                new Unpickler().load(stream);
            }

            public static void Guarded(string path)
            {
                PickleGuard.EnsureSafe(path);
                PythonEngine.Exec($"import pickle\nmodel = pickle.load(open(r'{path}', 'rb'))");
                Process.Start("python", $"-c \"import torch; torch.load(r'{path}')\"");
                using var stream = File.OpenRead(path);
                new Unpickler().load(stream);
            }
        }
        """;

    [Fact]
    public void Each_unguarded_interop_load_gets_a_warning_at_its_line_and_guarded_ones_none()
    {
        using var project = new ConsumerProject();
        File.WriteAllText(Path.Combine(project.Directory, "Stubs.cs"), Stubs);
        File.WriteAllText(Path.Combine(project.Directory, "Loads.cs"), Loads);
        var run = project.Build();
        Assert.True(run.Succeeded, run.Output);
        var warnings = run.Warnings.Where(w => w.Code?.StartsWith("PBG2") == true).ToList();
        Assert.DoesNotContain(run.Output, "CS8032");
        Assert.DoesNotContain(run.Output, "CS9057");
        Assert.DoesNotContain(run.Output, "AD0001");
        // Lines 13-16 of Loads.cs hold the unguarded calls; the guarded method starts at line 19.
        Assert.Equal(new[] { 13, 14, 16 }, warnings.Select(w => w.Line).OrderBy(l => l));
        Assert.All(warnings, w => Assert.EndsWith("Loads.cs", w.File));
        Assert.Contains(warnings, w => w.Line == 13 && w.Code == "PBG2002");
        Assert.Contains(warnings, w => w.Line == 14 && w.Code == "PBG2006");
        Assert.Contains(warnings, w => w.Line == 16 && w.Code == "PBG2005");
    }
}
