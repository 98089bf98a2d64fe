using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// One in-memory consumer project: C# documents, .py AdditionalFiles and an optional .editorconfig in an
/// AdhocWorkspace, compiled against the framework, the interop stubs and (unless told not to) PickleBuildGuard.Core,
/// and run through every PickleBuildGuard analyzer.
/// </summary>
internal sealed class TestProject
{
    public const string SourceDirectory = "/src/";

    private readonly List<(string Name, string Markup)> sources = new();
    private readonly List<(string Name, string Markup)> pythonFiles = new();
    private string? editorConfig;
    private bool referencePickleGuard = true;
    private bool referenceInteropStubs = true;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
    [
        new InteropPickleCallAnalyzer(),
        new PythonCodeStringAnalyzer(),
        new CSnakesPythonFileAnalyzer(),
        new DotNetUnpicklerAnalyzer(),
        new PythonProcessAnalyzer(),
    ];

    public TestProject WithSource(string markup, string name = "Test.cs")
    {
        sources.Add((name, markup));
        return this;
    }

    public TestProject WithPythonFile(string name, string markup)
    {
        pythonFiles.Add((name, markup));
        return this;
    }

    public TestProject WithEditorConfig(string text)
    {
        editorConfig = text;
        return this;
    }

    public TestProject WithoutPickleGuard()
    {
        referencePickleGuard = false;
        return this;
    }

    public TestProject WithoutInteropLibraries()
    {
        referenceInteropStubs = false;
        return this;
    }

    /// <summary>The project with markup removed, and the diagnostics the markup expects (by file path).</summary>
    public (Project Project, IReadOnlyList<(string Path, ExpectedSpan Span)> Expected) Build()
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var references = TestReferences.FrameworkAssemblies
            .AddRange(referenceInteropStubs ? TestReferences.InteropStubs : ImmutableArray<MetadataReference>.Empty);
        if (referencePickleGuard)
        {
            references = references.Add(TestReferences.PickleBuildGuardCore);
        }

        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Consumer",
            "Consumer",
            LanguageNames.CSharp,
            filePath: SourceDirectory + "Consumer.csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references));

        var expected = new List<(string Path, ExpectedSpan Span)>();
        foreach (var (name, markup) in sources)
        {
            var parsed = TestMarkup.Parse(markup);
            string path = SourceDirectory + name;
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(parsed.Text), filePath: path);
            expected.AddRange(parsed.Spans.Select(span => (path, span)));
        }

        foreach (var (name, markup) in pythonFiles)
        {
            var parsed = TestMarkup.Parse(markup);
            string path = SourceDirectory + name;
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(parsed.Text), filePath: path);
            expected.AddRange(parsed.Spans.Select(span => (path, span)));
        }

        if (editorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(editorConfig), filePath: SourceDirectory + ".editorconfig");
        }

        return (solution.GetProject(projectId)!, expected);
    }

    /// <summary>Analyzer diagnostics of the project; fails on compiler errors in the test source and on analyzer exceptions.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Test source does not compile:\n" + string.Join("\n", errors));

        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.IsEmpty, "Analyzer threw (AD0001):\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        // Concurrent analysis reports in any order; tests pick "the first" diagnostic, so fix the order.
        return diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Asserts that the analyzers report exactly the marked spans (id, file, span), nothing more.</summary>
    public async Task<ImmutableArray<Diagnostic>> VerifyAsync(string? defaultId = null)
    {
        var (project, expected) = Build();
        var diagnostics = await AnalyzeAsync(project);
        var expectedLines = expected
            .Select(e => Describe(e.Span.Id ?? defaultId ?? throw new InvalidOperationException("[|…|] needs a default id"), e.Path, e.Span.Span))
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToList();
        var actualLines = diagnostics
            .Select(d => Describe(d.Id, d.Location.GetLineSpan().Path, d.Location.SourceSpan))
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToList();
        Assert.True(
            expectedLines.SequenceEqual(actualLines),
            "Expected:\n  " + string.Join("\n  ", expectedLines) + "\nActual:\n  " + string.Join("\n  ", diagnostics.Select(d => d.ToString())));
        return diagnostics;
    }

    private static string Describe(string id, string path, TextSpan span) => $"{id} {path} {span}";
}
