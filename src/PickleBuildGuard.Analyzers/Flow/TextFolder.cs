using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// Folds a string-valued operation into <see cref="FoldedText"/>: constants and const fields, <c>+</c>
/// concatenations, interpolated strings, <c>string.Concat</c>/<c>string.Join</c> with known parts, and locals of the
/// same method written only by their initializer and <c>+=</c> before the use.
/// </summary>
internal static class TextFolder
{
    private const int MaxLocalDepth = 8;

    public static FoldedText Fold(IOperation value)
    {
        // Most values folded are a plain constant (a program name, a literal argument) or a single run-time value (a
        // parameter, a field): no builders for them.
        var operation = value.WalkDownConversionsAndParentheses();
        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return new FoldedText(constant.Value?.ToString() ?? string.Empty, ImmutableArray<FoldedHole>.Empty);
        }

        if (!MayHaveParts(operation))
        {
            return new FoldedText(FoldedText.Placeholder.ToString(), ImmutableArray.Create(new FoldedHole(0, operation)));
        }

        var text = new StringBuilder();
        var holes = ImmutableArray.CreateBuilder<FoldedHole>();
        Append(operation, text, holes, depth: 0);
        return new FoldedText(text.ToString(), holes.Count == 0 ? ImmutableArray<FoldedHole>.Empty : holes.ToImmutable());
    }

    /// <summary>The operations <see cref="Append"/> may split into parts; anything else is one hole.</summary>
    private static bool MayHaveParts(IOperation operation) =>
        operation is IBinaryOperation or IInterpolatedStringOperation or IInvocationOperation or ILocalReferenceOperation;

    private static void Append(IOperation operation, StringBuilder text, ImmutableArray<FoldedHole>.Builder holes, int depth)
    {
        operation = operation.WalkDownConversionsAndParentheses();
        if (operation.ConstantValue is { HasValue: true } constant)
        {
            text.Append(constant.Value?.ToString());
            return;
        }

        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation
                when concatenation.Type?.SpecialType == SpecialType.System_String:
                Append(concatenation.LeftOperand, text, holes, depth);
                Append(concatenation.RightOperand, text, holes, depth);
                return;

            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation literal:
                            Append(literal.Text, text, holes, depth);
                            break;
                        case IInterpolationOperation interpolation when interpolation.FormatString is null && interpolation.Alignment is null:
                            Append(interpolation.Expression, text, holes, depth);
                            break;
                        case IInterpolationOperation interpolation:
                            AddHole(interpolation.Expression, text, holes);
                            break;
                        default:
                            AddHole(part, text, holes);
                            break;
                    }
                }

                return;

            case IInvocationOperation invocation when IsStringMethod(invocation, "Concat"):
                foreach (var part in ExpandParams(invocation.Arguments))
                {
                    Append(part, text, holes, depth);
                }

                return;

            case IInvocationOperation invocation when IsStringMethod(invocation, "Join")
                && invocation.Arguments.Length >= 2
                && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: var separator }
                && separator is string or char:
                bool first = true;
                foreach (var part in ExpandParams(invocation.Arguments.RemoveAt(0)))
                {
                    if (!first)
                    {
                        text.Append(separator);
                    }

                    Append(part, text, holes, depth);
                    first = false;
                }

                return;

            case ILocalReferenceOperation local when depth < MaxLocalDepth
                && TryGetWrites(local, out var writes):
                foreach (var write in writes)
                {
                    Append(write, text, holes, depth + 1);
                }

                return;

            default:
                AddHole(operation, text, holes);
                return;
        }
    }

    private static void AddHole(IOperation operation, StringBuilder text, ImmutableArray<FoldedHole>.Builder holes)
    {
        holes.Add(new FoldedHole(text.Length, operation));
        text.Append(FoldedText.Placeholder);
    }

    private static bool IsStringMethod(IInvocationOperation invocation, string name) =>
        invocation.TargetMethod.Name == name
        && invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String;

    /// <summary>
    /// The elements of a params argument or an explicit array or collection expression, else the arguments themselves.
    /// (C# 13 binds <c>string.Join(sep, a, b)</c> to a <c>params ReadOnlySpan</c>, a collection expression whose
    /// operation kind is newer than the Roslyn this analyzer targets: its children are the elements.)
    /// </summary>
    private static IEnumerable<IOperation> ExpandParams(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            var value = argument.Value.WalkDownConversionsAndParentheses();
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    yield return element;
                }
            }
            else if (argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.DefaultValue) || value.Syntax is CollectionExpressionSyntax)
            {
                foreach (var element in value.ChildOperations)
                {
                    yield return element;
                }
            }
            else
            {
                yield return argument.Value;
            }
        }
    }

    /// <summary>
    /// The values a local holds at <paramref name="use"/> when they are all visible: its initializer, then each
    /// <c>+=</c> before the use in source order. Any other write (assignment, ref/out, deconstruction) gives up.
    /// </summary>
    private static bool TryGetWrites(ILocalReferenceOperation use, out List<IOperation> values)
    {
        values = new List<IOperation>();
        IOperation? initializer = null;
        var appends = new List<ICompoundAssignmentOperation>();
        foreach (var operation in OperationTree.Root(use).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, use.Local):
                    initializer = declarator.GetVariableInitializer()?.Value;
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } append when IsLocal(append.Target, use.Local):
                    appends.Add(append);
                    break;
                case IAssignmentOperation assignment when IsLocal(assignment.Target, use.Local):
                    return false;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when IsLocal(argument.Value, use.Local):
                    return false;
                case IDeconstructionAssignmentOperation:
                    if (OperationTree.Writes(operation, use.Local))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (initializer is null)
        {
            return false;
        }

        values.Add(initializer);
        foreach (var append in appends)
        {
            if (append.Syntax.SpanStart >= use.Syntax.SpanStart)
            {
                continue;
            }

            values.Add(append.Value);
        }

        return true;
    }

    private static bool IsLocal(IOperation target, ILocalSymbol local) =>
        target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
}
