using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PickleBuildGuard.CodeFixes;

/// <summary>
/// Applies any number of <see cref="EnsureSafeInsertion"/>s to one document at once (one fix, or Fix All): one
/// guard per variable per statement, none where an earlier inserted guard in the same block already covers the
/// variable, and <c>using PickleBuildGuard;</c> when <c>PickleGuard</c> does not bind yet.
/// </summary>
internal static class EnsureSafeDocumentFixer
{
    private const string GuardTypeName = "PickleGuard";
    private const string GuardNamespace = "PickleBuildGuard";

    public static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var insertions = diagnostics
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .Select(diagnostic => EnsureSafeInsertion.TryCreate(root, model, diagnostic, cancellationToken))
            .Where(insertion => insertion is not null)
            .Select(insertion => insertion!)
            .ToList();
        if (insertions.Count == 0)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        bool needsUsing = false;
        var alreadyGuarded = new List<EnsureSafeInsertion>();
        foreach (var group in insertions.GroupBy(insertion => insertion.Anchor))
        {
            var arguments = new List<EnsureSafeInsertion>();
            foreach (var insertion in group)
            {
                if (arguments.Any(existing => SymbolEqualityComparer.Default.Equals(existing.ArgumentSymbol, insertion.ArgumentSymbol) && existing.ArgumentText == insertion.ArgumentText)
                    || alreadyGuarded.Any(earlier => CoversLater(earlier, insertion, model, cancellationToken)))
                {
                    continue;
                }

                arguments.Add(insertion);
            }

            if (arguments.Count == 0)
            {
                continue;
            }

            alreadyGuarded.AddRange(arguments);
            needsUsing |= !GuardBindsAt(model, group.Key.SpanStart);
            var guards = arguments.Select(insertion => CreateGuard(insertion.Argument)).ToList();
            Insert(editor, group.Key, guards, model, cancellationToken);
        }

        var newRoot = editor.GetChangedRoot();
        if (needsUsing && newRoot is CompilationUnitSyntax compilationUnit)
        {
            newRoot = AddUsing(compilationUnit);
        }

        var changed = document.WithSyntaxRoot(newRoot);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An inserted guard before an earlier statement of the same block covers a later load of the same variable when
    /// nothing in between writes the variable (Fix All then adds one guard, not one per load).
    /// </summary>
    private static bool CoversLater(EnsureSafeInsertion earlier, EnsureSafeInsertion later, SemanticModel model, CancellationToken cancellationToken)
    {
        if (earlier.Anchor is not StatementSyntax first
            || later.Anchor is not StatementSyntax last
            || first.Parent is not BlockSyntax block
            || last.Parent != block
            || EnsureSafeInsertion.IsEmbedded(first)
            || earlier.ArgumentText != later.ArgumentText
            || !SymbolEqualityComparer.Default.Equals(earlier.ArgumentSymbol, later.ArgumentSymbol))
        {
            return false;
        }

        int firstIndex = block.Statements.IndexOf(first);
        int lastIndex = block.Statements.IndexOf(last);
        if (firstIndex < 0 || lastIndex <= firstIndex)
        {
            return false;
        }

        var between = model.AnalyzeDataFlow(block.Statements[firstIndex], block.Statements[lastIndex - 1]);
        return between is { Succeeded: true } && !between.WrittenInside.Contains(earlier.ArgumentSymbol, SymbolEqualityComparer.Default);
    }

    private static void Insert(SyntaxEditor editor, SyntaxNode anchor, List<StatementSyntax> guards, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (anchor)
        {
            case StatementSyntax { Parent: GlobalStatementSyntax global }:
                editor.InsertBefore(global, guards.Select(guard => (SyntaxNode)GlobalStatement(guard)));
                break;
            case StatementSyntax statement when !EnsureSafeInsertion.IsEmbedded(statement):
                editor.InsertBefore(statement, guards);
                break;
            case StatementSyntax embedded:
                // if (x) Load(p);  →  if (x) { PickleGuard.EnsureSafe(p); Load(p); }
                editor.ReplaceNode(embedded, Block(guards.Append(embedded.WithoutTrivia())).WithTriviaFrom(embedded).WithAdditionalAnnotations(Formatter.Annotation));
                break;
            case ArrowExpressionClauseSyntax arrow:
                StatementSyntax body = EnsureSafeInsertion.ReturnsValue(arrow, model, cancellationToken)
                    ? ReturnStatement(arrow.Expression.WithoutTrivia())
                    : ExpressionStatement(arrow.Expression.WithoutTrivia());
                var block = Block(guards.Append(body)).WithAdditionalAnnotations(Formatter.Annotation);
                ReplaceArrowBody(editor, arrow, block);
                break;
        }
    }

    private static void ReplaceArrowBody(SyntaxEditor editor, ArrowExpressionClauseSyntax arrow, BlockSyntax block)
    {
        switch (arrow.Parent)
        {
            case MethodDeclarationSyntax method:
                editor.ReplaceNode(method, method
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithParameterList(method.ParameterList.WithTrailingTrivia(ElasticCarriageReturnLineFeed))
                    .WithBody(block)
                    .WithAdditionalAnnotations(Formatter.Annotation));
                break;
            case LocalFunctionStatementSyntax localFunction:
                editor.ReplaceNode(localFunction, localFunction
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithParameterList(localFunction.ParameterList.WithTrailingTrivia(ElasticCarriageReturnLineFeed))
                    .WithBody(block)
                    .WithAdditionalAnnotations(Formatter.Annotation));
                break;
        }
    }

    private static StatementSyntax CreateGuard(ExpressionSyntax argument) =>
        ExpressionStatement(
                InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(GuardTypeName), IdentifierName("EnsureSafe")),
                    ArgumentList(SingletonSeparatedList(Argument(argument.WithoutTrivia())))))
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static bool GuardBindsAt(SemanticModel model, int position) =>
        model.GetSpeculativeSymbolInfo(position, IdentifierName(GuardTypeName), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol is INamedTypeSymbol
        {
            Name: GuardTypeName,
            ContainingNamespace.Name: GuardNamespace,
            ContainingNamespace.ContainingNamespace.IsGlobalNamespace: true,
        };

    /// <summary>Adds <c>using PickleBuildGuard;</c> in order: System namespaces first, then alphabetical.</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit)
    {
        var directive = UsingDirective(ParseName(GuardNamespace)).WithTrailingTrivia(ElasticCarriageReturnLineFeed);
        var usings = unit.Usings;
        int index = 0;
        while (index < usings.Count && SortsBefore(usings[index]))
        {
            index++;
        }

        if (usings.Count == 0)
        {
            // Keep a file header comment above the new directive.
            var first = unit.GetLeadingTrivia();
            var newUnit = unit.WithLeadingTrivia(default(SyntaxTriviaList)).AddUsings(directive.WithLeadingTrivia(first).WithTrailingTrivia(CarriageReturnLineFeed, CarriageReturnLineFeed));
            return newUnit;
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    private static bool SortsBefore(UsingDirectiveSyntax existing)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
        {
            return false; // aliases and static usings come after plain namespace usings
        }

        if (!existing.GlobalKeyword.IsKind(SyntaxKind.None))
        {
            return true;
        }

        string name = existing.Name.ToString();
        bool isSystem = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
        return isSystem || string.CompareOrdinal(name, GuardNamespace) < 0;
    }
}
