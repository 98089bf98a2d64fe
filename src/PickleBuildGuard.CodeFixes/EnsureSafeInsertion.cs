using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PickleBuildGuard.CodeFixes;

/// <summary>
/// Where one <c>PickleGuard.EnsureSafe(argument);</c> goes for one diagnostic: before <see cref="Anchor"/>, the
/// innermost statement holding the load (or, for an expression-bodied method, its body turned into a block).
/// </summary>
internal sealed class EnsureSafeInsertion
{
    private EnsureSafeInsertion(SyntaxNode anchor, ExpressionSyntax argument, ISymbol argumentSymbol)
    {
        Anchor = anchor;
        Argument = argument;
        ArgumentSymbol = argumentSymbol;
    }

    /// <summary>A <see cref="StatementSyntax"/>, or the <see cref="ArrowExpressionClauseSyntax"/> of a method or local function.</summary>
    public SyntaxNode Anchor { get; }

    public ExpressionSyntax Argument { get; }

    public ISymbol ArgumentSymbol { get; }

    public string ArgumentText => Argument.WithoutTrivia().ToString();

    /// <summary>
    /// The insertion for a diagnostic, or null when no fix is certain: no argument was identified, the load is not in
    /// a statement or method body, or the argument would not mean the same variable before the statement.
    /// </summary>
    public static EnsureSafeInsertion? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.ContainsKey(Analyzers.SinkReport.EnsureSafeFixProperty)
            || diagnostic.AdditionalLocations.Count == 0
            || !diagnostic.Location.IsInSource)
        {
            return null;
        }

        if (root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax argument
            || model.GetSymbolInfo(argument, cancellationToken).Symbol is not { } symbol)
        {
            return null;
        }

        var load = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        SyntaxNode? anchor = FindAnchor(load);
        if (anchor is null)
        {
            return null;
        }

        // The argument must name the same variable where the guard goes (not a variable declared by the statement itself).
        var speculative = model.GetSpeculativeSymbolInfo(anchor.SpanStart, argument.WithoutTrivia(), SpeculativeBindingOption.BindAsExpression);
        if (!SymbolEqualityComparer.Default.Equals(speculative.Symbol, symbol))
        {
            return null;
        }

        // A local declared by the statement itself (an out var in an if condition) is in scope before it, but unassigned.
        if (symbol is ILocalSymbol local && local.DeclaringSyntaxReferences.Any(reference => reference.Span.End > anchor.SpanStart))
        {
            return null;
        }

        return new EnsureSafeInsertion(anchor, argument, symbol);
    }

    private static SyntaxNode? FindAnchor(SyntaxNode load)
    {
        for (var node = load; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case StatementSyntax statement:
                    return statement;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    return arrow;
                case AnonymousFunctionExpressionSyntax:
                case MemberDeclarationSyntax:
                    return null; // a lambda's expression body, a field initializer, a property: no statement to put it before
            }
        }

        return null;
    }

    public static bool IsEmbedded(StatementSyntax statement) =>
        statement.Parent is not (BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax);

    public static bool ReturnsValue(ArrowExpressionClauseSyntax arrow, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(arrow.Parent!, cancellationToken) is not IMethodSymbol method || method.ReturnsVoid)
        {
            return false;
        }

        // async Task / ValueTask: the body is a statement, not a return of a value.
        return !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" });
    }
}
