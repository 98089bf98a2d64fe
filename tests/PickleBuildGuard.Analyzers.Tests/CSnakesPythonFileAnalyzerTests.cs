using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class CSnakesPythonFileAnalyzerTests
{
    private const string CSnakesConsumer = """
        using CSnakes.Runtime;

        class C
        {
            void M(IPythonEnvironment env) { }
        }
        """;

    [Fact]
    public Task Pickle_loads_in_a_py_file_are_reported_at_their_line() => new TestProject()
        .WithSource(CSnakesConsumer)
        .WithPythonFile("demo.py", """
            import pickle
            import torch as t
            from joblib import load as jl

            # pickle.load(f) in a comment is not code
            def read(path: str):
                \"\"\"Calls pickle.load(f) -- a docstring, not code.\"\"\"
                with open(path, "rb") as f:
                    return [|pickle.load|](f)

            def weights(path: str):
                return [|t.load|](path, map_location="cpu")

            def safe_weights(path: str):
                return t.load(path, weights_only=True)

            def model(path: str):
                return [|jl|](path)

            def accepted(path: str):
                return pickle.loads(path)  # noqa: PBG2004 reviewed: only our own cache files
            """)
        .VerifyAsync(RuleIdentifiers.CSnakesPickleLoad);

    [Fact]
    public Task Without_CSnakes_py_files_are_not_analysed() => new TestProject()
        .WithoutInteropLibraries()
        .WithSource("class C { }")
        .WithPythonFile("demo.py", "import pickle\npickle.load(open('m.pkl', 'rb'))\n")
        .VerifyAsync();

    [Fact]
    public async Task Diagnostic_location_is_the_line_in_the_py_file()
    {
        var diagnostics = await new TestProject()
            .WithSource(CSnakesConsumer)
            .WithPythonFile("models/loader.py", "import os\n\n\nx = [|pickle.loads|](data)\n")
            .VerifyAsync(RuleIdentifiers.CSnakesPickleLoad);
        var span = Assert.Single(diagnostics).Location.GetLineSpan();
        Assert.Equal("/src/models/loader.py", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Equal(4, span.StartLinePosition.Character);
    }
}
