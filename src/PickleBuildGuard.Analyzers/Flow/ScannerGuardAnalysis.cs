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

    /// <summary>The dataflow for one sink; a state is a bit set over the payload's keys.</summary>
    private sealed class Dataflow
    {
        private readonly ControlFlowGraph graph;
        private readonly ImmutableArray<GuardKey> keys;
        private readonly GuardSymbols symbols;

        // null: not reached yet (the optimistic start of a must-analysis, so loops converge to the greatest fixpoint).
        private readonly ulong?[] entryStates;

        public Dataflow(ControlFlowGraph graph, ImmutableArray<GuardKey> keys, GuardSymbols symbols)
        {
            this.graph = graph;
            this.keys = keys;
            this.symbols = symbols;
            entryStates = new ulong?[graph.Blocks.Length];
            Solve();
        }

        public ulong GuardedBefore(BasicBlock block, int operationIndex)
        {
            ulong state = entryStates[block.Ordinal] ?? 0;
            for (int i = 0; i < operationIndex && i < block.Operations.Length; i++)
            {
                state = Transfer(block.Operations[i], state);
            }

            return state;
        }

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
            if (entryStates[source.Ordinal] is not { } state)
            {
                return null;
            }

            foreach (var operation in source.Operations)
            {
                state = Transfer(operation, state);
            }

            if (source.BranchValue is { } branchValue)
            {
                state = Transfer(branchValue, state);
                if (source.ConditionKind != ControlFlowConditionKind.None)
                {
                    // The conditional successor is taken when the branch value equals (ConditionKind == WhenTrue).
                    bool branchValueOnEdge = conditional == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
                    state |= IsSafeOutcome(branchValue, branchValueOnEdge);
                }
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

        private ulong Transfer(IOperation root, ulong state)
        {
            // Apply guards and writes in the order they complete (an argument before the call, a value before its store).
            foreach (var operation in root.DescendantsAndSelf().OrderBy(operation => operation.Syntax.Span.End))
            {
                if (operation is IInvocationOperation invocation && symbols.IsEnsureSafe(invocation.TargetMethod))
                {
                    state |= BitOf(GuardedArgument(invocation));
                    continue;
                }

                for (int i = 0; i < keys.Length; i++)
                {
                    if (OperationTree.Writes(operation, keys[i].Symbol)
                        || (keys[i].Receiver is { } receiver && OperationTree.Writes(operation, receiver)))
                    {
                        state &= ~(1UL << i);
                    }
                }
            }

            return state;
        }

        private static IOperation? GuardedArgument(IInvocationOperation invocation) =>
            invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0)?.Value;

        private ulong BitOf(IOperation? argument)
        {
            if (argument is null || !GuardKey.TryCreate(argument, out var key))
            {
                return 0;
            }

            int index = keys.IndexOf(key);
            return index < 0 ? 0 : 1UL << index;
        }
    }
}
