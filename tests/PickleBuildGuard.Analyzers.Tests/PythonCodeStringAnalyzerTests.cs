using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class PythonCodeStringAnalyzerTests
{
    private static Task VerifyAsync(string source) => new TestProject().WithSource(source).VerifyAsync(RuleIdentifiers.PythonCodeLoadsPickle);

    [Fact]
    public Task Pythonnet_engine_APIs_running_pickle_code_are_reported() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            void M()
            {
                [|PythonEngine.Exec("import pickle\nwith open('m.pkl', 'rb') as f:\n    model = pickle.load(f)")|];
                [|PythonEngine.Eval("__import__('joblib').load('m.joblib')")|] ;
                [|PythonEngine.RunSimpleString("import torch; torch.load('m.pt')")|];
                [|PythonEngine.Compile("import pandas as pd\npd.read_pickle('f.pkl')")|];
                using var scope = Py.CreateScope();
                [|scope.Exec("import dill\ndill.loads(blob)")|];
                [|PyModule.FromString("loader", "import shelve\ndb = shelve.open('cache')")|];
            }
        }
        """.Replace("__import__('joblib').load", "joblib.load"));

    [Fact]
    public Task Concatenations_const_fields_and_locals_are_folded() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            private const string Import = "import pickle\n";
            private const string Load = Import + "model = pickle.load(f)";

            void M(string extra)
            {
                [|PythonEngine.Exec(Load)|];
                [|PythonEngine.Exec(Import + extra + "x = pickle.loads(" + extra + ")")|];
                var code = "import torch\n";
                code += "state = torch.load(p)\n";
                [|PythonEngine.Exec(code)|];
                [|PythonEngine.Exec(string.Join("\n", "import marshal", "marshal.loads(b)"))|];
            }
        }
        """);

    [Fact]
    public Task Interpolated_strings_are_reported_and_guarded_by_their_hole() => VerifyAsync("""
        using PickleBuildGuard;
        using Python.Runtime;

        class C
        {
            void Unguarded(string path) => [|PythonEngine.Exec($"import pickle\nmodel = pickle.load(open(r'{path}', 'rb'))")|];

            void Guarded(string path)
            {
                PickleGuard.EnsureSafe(path);
                PythonEngine.Exec($"import pickle\nmodel = pickle.load(open(r'{path}', 'rb'))");
            }

            void GuardedThroughLocal(string path)
            {
                PickleGuard.EnsureSafe(path);
                string code = $"import joblib\nm = joblib.load(r'{path}')";
                PythonEngine.Exec(code);
            }

            void GuardOnAnotherVariable(string path, string other)
            {
                PickleGuard.EnsureSafe(other);
                [|PythonEngine.Exec($"import joblib\nm = joblib.load(r'{path}')")|];
            }
        }
        """);

    [Fact]
    public Task Python_comments_strings_and_safe_calls_are_silent() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            // PythonEngine.Exec("pickle.load(f)") in a C# comment is not code.
            void M(string code)
            {
                PythonEngine.Exec("# model = pickle.load(f)\nprint('no pickle here')");
                PythonEngine.Exec("print('call pickle.load(f) to load')");
                PythonEngine.Exec("import torch\nstate = torch.load('m.pt', weights_only=True)");
                PythonEngine.Exec("import numpy as np\na = np.load('a.npy')");
                PythonEngine.Exec("import json\nd = json.loads(s)");
                PythonEngine.Exec(code);
            }
        }
        """);

    [Fact]
    public Task Torch_and_numpy_keyword_conditions_are_honoured() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            void M()
            {
                [|PythonEngine.Exec("import torch\nstate = torch.load('m.pt', weights_only=False)")|];
                [|PythonEngine.Exec("import numpy\na = numpy.load('a.npy', allow_pickle=True)")|];
            }
        }
        """);

    [Fact]
    public Task IronPython_engine_code_and_script_files_are_reported() => new TestProject()
        .WithSource("""
            using Microsoft.Scripting.Hosting;

            class C
            {
                void M(ScriptEngine engine)
                {
                    [|engine.Execute("import cPickle\ncPickle.loads(data)")|];
                    [|engine.Execute<object>("import pickle\npickle.loads(data)")|];
                    [|engine.CreateScriptSourceFromString("from pickle import Unpickler\nUnpickler(f).load()")|].Execute();
                    [|engine.ExecuteFile("scripts/score.py")|];
                    engine.ExecuteFile("scripts/clean.py");
                    engine.ExecuteFile("scripts/unknown.py");
                }
            }
            """)
        // The test project references every interop stub, CSnakes included, so the .py file is also a CSnakes source (PBG2004).
        .WithPythonFile("scripts/score.py", "import joblib\nmodel = {|PBG2004:joblib.load|}('model.joblib')\n")
        .WithPythonFile("scripts/clean.py", "print('hello')\n")
        .VerifyAsync(RuleIdentifiers.PythonCodeLoadsPickle);

    [Fact]
    public Task CSnakes_run_string_and_module_source_are_reported() => VerifyAsync("""
        using System.Collections.Generic;
        using CSnakes.Runtime;
        using CSnakes.Runtime.Python;

        class C
        {
            void M(IPythonEnvironment env, Dictionary<string, PyObject> locals)
            {
                [|env.Execute("import pickle\nx = pickle.loads(blob)", locals)|];
                [|env.ExecuteExpression("__import__('pickle').loads(blob) or pickle.loads(blob)")|];
                [|Import.ImportModule("loader", "import joblib\ndef load(p):\n    return joblib.load(p)", "loader.py")|];
                env.ExecuteExpression("1 + 1");
            }
        }
        """);
}
