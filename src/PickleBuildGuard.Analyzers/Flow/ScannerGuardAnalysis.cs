using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// Decides "routed through the scanner" (DESIGN.md): one of the payload's variables was passed to
/// <c>PickleGuard.EnsureSafe</c>, or checked by a <c>PickleGuard.IsSafe</c> whose true outcome leads to the load, on
/// every path from the start of the method (or lambda, or local function) to the load, and not written since.
/// A must-dataflow over the control-flow graph: at each join only what is guarded on all incoming edges stays.
/// </summary>
internal static class ScannerGuardAnalysis
{
    private const int MaxKeys = 64;

    /// <summary>
    /// Cheap test on the operation tree, before any graph is built: whether the body holding <paramref name="sink"/>
    /// calls EnsureSafe or IsSafe on one of the payload's variables at all. Most unguarded loads stop here.
    /// </summary>
    public static bool MayBeGuarded(IOperation sink, ImmutableArray<GuardKey> payload, GuardSymbols symbols)
    {
        if (payload.IsEmpty || symbols.PickleGuard is null)
        {
            return false;
        }

        foreach (var operation in OperationTree.Root(sink).Descendants())
        {
            if (operation is IInvocationOperation invocation
                && (symbols.IsEnsureSafe(invocation.TargetMethod) || symbols.IsIsSafe(invocation.TargetMethod))
                && GuardedArgument(invocation) is { } argument
                && GuardKey.From(argument) is { } key
                && payload.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRoutedThroughScanner(ControlFlowGraph graph, SyntaxNode sink, ImmutableArray<GuardKey> payload, GuardSymbols symbols)
    {
        if (payload.IsEmpty || symbols.PickleGuard is null)
        {
            return false;
        }

        var keys = payload.Distinct().Take(MaxKeys).ToImmutableArray();
        if (!TryFind(graph, sink, out var found))
        {
            return false; // not in any graph we can build: nothing can be shown to dominate it
        }

        var analysis = new Dataflow(found.Graph, keys, symbols);
        return analysis.GuardedBefore(found.Block, found.Index) != 0;
    }

    private static bool TryFind(ControlFlowGraph graph, SyntaxNode sink, out (ControlFlowGraph Graph, BasicBlock Block, int Index) found)
    {
        var nested = new List<ControlFlowGraph>();
        foreach (var block in graph.Blocks)
        {
            for (int i = 0; i <= block.Operations.Length; i++)
            {
                var root = i < block.Operations.Length ? block.Operations[i] : block.BranchValue;
                if (root is null)
                {
                    continue;
                }

                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation.Syntax == sink)
                    {
                        found = (graph, block, i);
                        return true;
                    }

                    if (operation is IFlowAnonymousFunctionOperation lambda)
                    {
                        nested.Add(graph.GetAnonymousFunctionControlFlowGraph(lambda));
                    }
                }
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            nested.Add(graph.GetLocalFunctionControlFlowGraph(localFunction));
        }

        foreach (var inner in nested)
        {
            if (TryFind(inner, sink, out found))
            {
                return true;
            }
        }

        found = default;
        return false;
    }

    private static IOperation? GuardedArgument(IInvocationOperation invocation) =>
        invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0)?.Value;

    /// <summary>
    /// The dataflow for one sink; a state is a bit set over the payload's keys. Each block's effect is summarised
    /// once as gen/kill sets (<c>out = (in &amp; ~kill) | gen</c>), so the fixpoint iterations only combine bits.
    /// </summary>
    private sealed class Dataflow
    {
        private readonly ControlFlowGraph graph;
        private readonly ImmutableArray<GuardKey> keys;
        private readonly GuardSymbols symbols;
        private readonly (ulong Gen, ulong Kill)[] summaries;
        private readonly ulong[] safeWhenBranchTrue;
        private readonly ulong[] safeWhenBranchFalse;

        // null: not reached yet (the optimistic start of a must-analysis, so loops converge to the greatest fixpoint).
        private readonly ulong?[] entryStates;

        public Dataflow(ControlFlowGraph graph, ImmutableArray<GuardKey> keys, GuardSymbols symbols)
        {
            this.graph = graph;
            this.keys = keys;
            this.symbols = symbols;
            int count = graph.Blocks.Length;
            summaries = new (ulong, ulong)[count];
            safeWhenBranchTrue = new ulong[count];
            safeWhenBranchFalse = new ulong[count];
            entryStates = new ulong?[count];
            foreach (var block in graph.Blocks)
            {
                if (!block.IsReachable)
                {
                    continue;
                }

                var summary = (Gen: 0UL, Kill: 0UL);
                foreach (var operation in block.Operations)
                {
                    summary = Summarise(operation, summary);
                }

                if (block.BranchValue is { } branchValue)
                {
                    summary = Summarise(branchValue, summary);
                    safeWhenBranchTrue[block.Ordinal] = IsSafeOutcome(branchValue, true);
                    safeWhenBranchFalse[block.Ordinal] = IsSafeOutcome(branchValue, false);
                }

                summaries[block.Ordinal] = summary;
            }

            Solve();
        }

        public ulong GuardedBefore(BasicBlock block, int operationIndex)
        {
            var summary = (Gen: 0UL, Kill: 0UL);
            for (int i = 0; i < operationIndex && i < block.Operations.Length; i++)
            {
                summary = Summarise(block.Operations[i], summary);
            }

            return Apply(entryStates[block.Ordinal] ?? 0, summary);
        }

        private static ulong Apply(ulong state, (ulong Gen, ulong Kill) summary) => (state & ~summary.Kill) | summary.Gen;

        private void Solve()
        {
            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach (var block in graph.Blocks)
                {
                    if (!block.IsReachable)
                    {
                        continue;
                    }

                    ulong? entry = ComputeEntry(block);
                    if (entry is not null && entry != entryStates[block.Ordinal])
                    {
                        entryStates[block.Ordinal] = entry;
                        changed = true;
                    }
                }
            }
        }

        private ulong? ComputeEntry(BasicBlock block)
        {
            if (block.Kind == BasicBlockKind.Entry)
            {
                return 0;
            }

            if (block.Predecessors.IsEmpty)
            {
                return HandlerEntry(block);
            }

            ulong? meet = null;
            foreach (var branch in block.Predecessors)
            {
                if (EdgeState(branch.Source, branch.IsConditionalSuccessor) is { } incoming)
                {
                    meet = meet is null ? incoming : meet & incoming;
                }
            }

            return meet;
        }

        /// <summary>
        /// A catch, filter or finally region is entered from anywhere in its try region: what is guarded at all of
        /// the try's blocks (and before it) holds there.
        /// </summary>
        private ulong? HandlerEntry(BasicBlock block)
        {
            for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.FirstBlockOrdinal != block.Ordinal
                    || region.Kind is not (ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally or ControlFlowRegionKind.FilterAndHandler))
                {
                    continue;
                }

                var tryRegion = FindTryRegion(region);
                if (tryRegion is null)
                {
                    return 0;
                }

                ulong? meet = null;
                for (int ordinal = tryRegion.FirstBlockOrdinal; ordinal <= tryRegion.LastBlockOrdinal; ordinal++)
                {
                    if (entryStates[ordinal] is { } state)
                    {
                        meet = meet is null ? state : meet & state;
                    }
                }

                return meet;
            }

            return 0; // unreachable in practice: a block nobody enters has nothing guarded
        }

        private static ControlFlowRegion? FindTryRegion(ControlFlowRegion handler)
        {
            for (var region = handler.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind is ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally)
                {
                    return region.NestedRegions.FirstOrDefault(nested => nested.Kind == ControlFlowRegionKind.Try);
                }
            }

            return null;
        }

        private ulong? EdgeState(BasicBlock source, bool conditional)
        {
            if (entryStates[source.Ordinal] is not { } entry)
            {
                return null;
            }

            ulong state = Apply(entry, summaries[source.Ordinal]);
            if (source.ConditionKind != ControlFlowConditionKind.None)
            {
                // The conditional successor is taken when the branch value equals (ConditionKind == WhenTrue).
                bool branchValueOnEdge = conditional == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
                state |= branchValueOnEdge ? safeWhenBranchTrue[source.Ordinal] : safeWhenBranchFalse[source.Ordinal];
            }

            return state;
        }

        /// <summary>The keys proven safe when <paramref name="condition"/> evaluates to <paramref name="value"/>.</summary>
        private ulong IsSafeOutcome(IOperation condition, bool value)
        {
            while (true)
            {
                condition = condition.WalkDownConversionsAndParentheses();
                if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                {
                    condition = not.Operand;
                    value = !value;
                    continue;
                }

                break;
            }

            if (value && condition is IInvocationOperation invocation && symbols.IsIsSafe(invocation.TargetMethod))
            {
                return BitOf(GuardedArgument(invocation));
            }

            return 0;
        }

        /// <summary>Adds one operation's guards and writes to a summary, in the order they complete.</summary>
        private (ulong Gen, ulong Kill) Summarise(IOperation root, (ulong Gen, ulong Kill) summary)
        {
            // An argument completes before the call, a value before its store: order by where each one ends.
            foreach (var operation in root.DescendantsAndSelf().OrderBy(operation => operation.Syntax.Span.End))
            {
                if (operation is IInvocationOperation invocation && symbols.IsEnsureSafe(invocation.TargetMethod))
                {
                    ulong bit = BitOf(GuardedArgument(invocation));
                    summary = (summary.Gen | bit, summary.Kill & ~bit);
                    continue;
                }

                if (operation.Kind is not (OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment
                    or OperationKind.DeconstructionAssignment or OperationKind.Increment or OperationKind.Decrement or OperationKind.Argument
                    or OperationKind.VariableDeclarator))
                {
                    continue;
                }

                for (int i = 0; i < keys.Length; i++)
                {
                    if (OperationTree.Writes(operation, keys[i].Symbol)
                        || (keys[i].Receiver is { } receiver && OperationTree.Writes(operation, receiver)))
                    {
                        ulong bit = 1UL << i;
                        summary = (summary.Gen & ~bit, summary.Kill | bit);
                    }
                }
            }

            return summary;
        }

        private ulong BitOf(IOperation? argument)
        {
            if (argument is null || GuardKey.From(argument) is not { } key)
            {
                return 0;
            }

            int index = keys.IndexOf(key);
            return index < 0 ? 0 : 1UL << index;
        }
    }
}
