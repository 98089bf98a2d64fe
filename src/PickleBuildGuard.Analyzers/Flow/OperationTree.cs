using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>Small walks over the operation tree of one member body.</summary>
internal static class OperationTree
{
    /// <summary>The operation without the conversions and parentheses around it.</summary>
    public static IOperation WalkDownConversionsAndParentheses(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { Conversion.IsUserDefined: false } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The outermost operation of the body (or initializer) that contains <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>Whether <paramref name="operation"/> (an assignment, a deconstruction, an argument) writes <paramref name="symbol"/>.</summary>
    public static bool Writes(IOperation operation, ISymbol symbol)
    {
        switch (operation)
        {
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (TargetsSymbol(target, symbol))
                    {
                        return true;
                    }
                }

                return false;
            case IAssignmentOperation assignment:
                return TargetsSymbol(assignment.Target, symbol);
            case IIncrementOrDecrementOperation increment:
                return TargetsSymbol(increment.Target, symbol);
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                return TargetsSymbol(argument.Value, symbol);
            case IVariableDeclaratorOperation declarator:
                return SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol);
            default:
                return false;
        }
    }

    /// <summary>The symbol a plain reference names: a local, parameter, field or property (without arguments).</summary>
    public static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        _ => null,
    };

    private static bool TargetsSymbol(IOperation target, ISymbol symbol) =>
        ReferencedSymbol(target.WalkDownConversionsAndParentheses()) is { } written
        && SymbolEqualityComparer.Default.Equals(written, symbol);
}
