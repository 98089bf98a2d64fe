using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using PickleBuildGuard.CodeFixes;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests.Infrastructure;

/// <summary>Applies the code fix (one diagnostic, or Fix All in the document) and compares the result with the expected source.</summary>
internal static class CodeFixVerifier
{
    private static readonly EnsureSafeCodeFixProvider Provider = new();

    /// <summary>Fixes the first diagnostic; the fixed source must compile and carry none of the diagnostics fixed.</summary>
    public static async Task VerifyFixAsync(string markup, string expected)
    {
        var (project, _) = new TestProject().WithSource(markup).Build();
        var document = project.Documents.Single();
        var diagnostics = await TestProject.AnalyzeAsync(project);
        Assert.NotEmpty(diagnostics);
        var actions = await ActionsForAsync(document, diagnostics[0]);
        var action = Assert.Single(actions);
        var fixedDocument = await ApplyAsync(action, document.Id);
        await AssertFixedAsync(fixedDocument, expected, remaining: diagnostics.Length - 1);
    }

    /// <summary>Fix All in the document; afterwards no fixable diagnostic may remain.</summary>
    public static async Task VerifyFixAllAsync(string markup, string expected)
    {
        var (project, _) = new TestProject().WithSource(markup).Build();
        var document = project.Documents.Single();
        var diagnostics = await TestProject.AnalyzeAsync(project);
        var fixable = diagnostics.Where(d => Provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
        var actions = await ActionsForAsync(document, fixable[0]);
        var fixAllContext = new FixAllContext(
            document,
            Provider,
            FixAllScope.Document,
            actions[0].EquivalenceKey,
            Provider.FixableDiagnosticIds,
            new FixedDiagnostics(fixable),
            CancellationToken.None);
        var fixAll = await Provider.GetFixAllProvider().GetFixAsync(fixAllContext);
        Assert.NotNull(fixAll);
        var fixedDocument = await ApplyAsync(fixAll!, document.Id);
        await AssertFixedAsync(fixedDocument, expected, remaining: 0);
    }

    /// <summary>Asserts that the first diagnostic gets no fix.</summary>
    public static async Task VerifyNoFixAsync(string markup)
    {
        var (project, _) = new TestProject().WithSource(markup).Build();
        var diagnostics = await TestProject.AnalyzeAsync(project);
        Assert.NotEmpty(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Empty(await ActionsForAsync(project.Documents.Single(), diagnostic));
        }
    }

    public static async Task<List<CodeAction>> ActionsForAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await Provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Document> ApplyAsync(CodeAction action, DocumentId documentId)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        return apply.ChangedSolution.GetDocument(documentId)!;
    }

    private static async Task AssertFixedAsync(Document fixedDocument, string expected, int remaining)
    {
        string actual = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Equal(Normalize(expected), Normalize(actual));
        var after = await TestProject.AnalyzeAsync(fixedDocument.Project);
        Assert.True(after.Length == remaining, "Diagnostics left after the fix:\n" + string.Join("\n", after));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
