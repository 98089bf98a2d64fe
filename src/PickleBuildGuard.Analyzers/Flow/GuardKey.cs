using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// What "the same path/stream/bytes" means: the same local, parameter, field or property, and for an instance member
/// the same receiver (<c>this</c>, or the same local or parameter).
/// </summary>
internal readonly struct GuardKey : IEquatable<GuardKey>
{
    private GuardKey(ISymbol symbol, ISymbol? receiver)
    {
        Symbol = symbol;
        Receiver = receiver;
    }

    public ISymbol Symbol { get; }

    /// <summary>The local or parameter the member is read from; null for locals, parameters, statics and <c>this</c>.</summary>
    public ISymbol? Receiver { get; }

    public static bool TryCreate(IOperation operation, out GuardKey key)
    {
        operation = operation.WalkDownConversionsAndParentheses();
        key = default;
        if (OperationTree.ReferencedSymbol(operation) is not { } symbol)
        {
            return false;
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
                key = new GuardKey(symbol, null);
                return true;
            case ILocalReferenceOperation local:
                key = new GuardKey(symbol, local.Local);
                return true;
            case IParameterReferenceOperation parameter:
                key = new GuardKey(symbol, parameter.Parameter);
                return true;
            default:
                return false; // a.b.c or Get().Path: not a stable identity
        }
    }

    public bool Equals(GuardKey other) =>
        SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
        && SymbolEqualityComparer.Default.Equals(Receiver, other.Receiver);

    public override bool Equals(object? obj) => obj is GuardKey other && Equals(other);

    public override int GetHashCode() =>
        unchecked((SymbolEqualityComparer.Default.GetHashCode(Symbol) * 397) ^ (Receiver is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Receiver)));
}
