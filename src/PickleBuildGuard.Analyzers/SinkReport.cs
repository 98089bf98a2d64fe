using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using PickleBuildGuard.Analyzers.Flow;

namespace PickleBuildGuard.Analyzers;

/// <summary>Reports a load unless it is routed through the scanner, and hands the code fix its expression.</summary>
internal static class SinkReport
{
    /// <summary>
    /// Diagnostic property set when the first additional location is the expression to pass to
    /// <c>PickleGuard.EnsureSafe</c>. Absent: no fix is offered.
    /// </summary>
    public const string EnsureSafeFixProperty = "PickleBuildGuard.EnsureSafeArgument";

    private static readonly ImmutableDictionary<string, string?> FixableProperties =
        ImmutableDictionary<string, string?>.Empty.Add(EnsureSafeFixProperty, "AdditionalLocation0");

    public static void ReportUnlessRouted(
        OperationAnalysisContext context,
        DiagnosticDescriptor rule,
        IOperation sink,
        Payload payload,
        GuardSymbols symbols,
        params object?[] messageArguments) =>
        ReportUnlessRouted(context.GetControlFlowGraph, context.ReportDiagnostic, rule, sink, payload, symbols, messageArguments);

    public static void ReportUnlessRouted(
        Func<ControlFlowGraph> graph,
        Action<Diagnostic> report,
        DiagnosticDescriptor rule,
        IOperation sink,
        Payload payload,
        GuardSymbols symbols,
        params object?[] messageArguments)
    {
        // The graph is built only when the body calls the guard on one of the load's variables at all.
        if (ScannerGuardAnalysis.MayBeGuarded(sink, payload.Keys, symbols)
            && ScannerGuardAnalysis.IsRoutedThroughScanner(graph(), sink.Syntax, payload.Keys, symbols))
        {
            return;
        }

        bool fixable = payload.FixTarget is not null && symbols.PickleGuard is not null;
        report(Diagnostic.Create(
            rule,
            sink.Syntax.GetLocation(),
            fixable ? [payload.FixTarget!.Syntax.GetLocation()] : [],
            fixable ? FixableProperties : ImmutableDictionary<string, string?>.Empty,
            messageArguments));
    }
}
