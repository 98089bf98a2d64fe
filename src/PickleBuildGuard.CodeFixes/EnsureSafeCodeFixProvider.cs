using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using PickleBuildGuard.Analyzers;

namespace PickleBuildGuard.CodeFixes;

/// <summary>
/// Fix for every PBG2nnn diagnostic whose load names a variable: inserts <c>PickleGuard.EnsureSafe(variable);</c>
/// before the statement holding the load, with <c>using PickleBuildGuard;</c>. No fix when the analyzer could not
/// identify the path, stream or bytes (a constant path in Python code, a directory, a delegate …).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnsureSafeCodeFixProvider))]
[Shared]
public sealed class EnsureSafeCodeFixProvider : CodeFixProvider
{
    /// <summary>One key for all of them, so Fix All gathers every fixable PBG2nnn diagnostic.</summary>
    public const string EquivalenceKey = "PickleBuildGuard.EnsureSafe";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.PythonNetPickleLoad,
        RuleIdentifiers.PythonCodeLoadsPickle,
        RuleIdentifiers.IronPythonPickleLoad,
        RuleIdentifiers.CSnakesPickleLoad,
        RuleIdentifiers.DotNetUnpickler,
        RuleIdentifiers.PythonProcessLoadsPickle);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create((context, document, diagnostics) => EnsureSafeDocumentFixer.FixAsync(document, diagnostics, context.CancellationToken)!);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (EnsureSafeInsertion.TryCreate(root, model, diagnostic, context.CancellationToken) is not { } insertion)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Call PickleGuard.EnsureSafe({insertion.ArgumentText}) before the load",
                    cancellationToken => EnsureSafeDocumentFixer.FixAsync(context.Document, [diagnostic], cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
