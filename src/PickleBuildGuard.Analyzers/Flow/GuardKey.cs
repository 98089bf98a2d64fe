using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// What "the same path/stream/bytes" means: the same local, parameter, field or property, and for an instance member
/// the same receiver (<c>this</c>, or the same local or parameter).
/// </summary>
/// <remarks>
/// A class, not a struct: collections of it then run the framework's shared, precompiled code for reference types
/// instead of instantiations the JIT compiles inside every build that loads the analyzer.
/// </remarks>
internal sealed class GuardKey : IEquatable<GuardKey>
{
    private GuardKey(ISymbol symbol, ISymbol? receiver)
    {
        Symbol = symbol;
        Receiver = receiver;
    }

    public ISymbol Symbol { get; }

    /// <summary>The local or parameter the member is read from; null for locals, parameters, statics and <c>this</c>.</summary>
    public ISymbol? Receiver { get; }

    /// <summary>The key of a plain reference, or null when the operation names no stable variable.</summary>
    public static GuardKey? From(IOperation operation)
    {
        operation = operation.WalkDownConversionsAndParentheses();
        if (OperationTree.ReferencedSymbol(operation) is not { } symbol)
        {
            return null;
        }

        IOperation? instance = operation switch
        {
            IFieldReferenceOperation field => field.Instance,
            IPropertyReferenceOperation property => property.Instance,
            _ => null,
        };

        switch (instance?.WalkDownConversionsAndParentheses())
        {
            case null:
            case IInstanceReferenceOperation:
                return new GuardKey(symbol, null);
            case ILocalReferenceOperation local:
                return new GuardKey(symbol, local.Local);
            case IParameterReferenceOperation parameter:
                return new GuardKey(symbol, parameter.Parameter);
            default:
                return null; // a.b.c or Get().Path: not a stable identity
        }
    }

    public bool Equals(GuardKey? other) =>
        other is not null
        && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && SymbolEqualityComparer.Default.Equals(Receiver, other.Receiver);

    public override bool Equals(object? obj) => obj is GuardKey other && Equals(other);

    public override int GetHashCode() =>
        unchecked((SymbolEqualityComparer.Default.GetHashCode(Symbol) * 397) ^ (Receiver is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Receiver)));
}
