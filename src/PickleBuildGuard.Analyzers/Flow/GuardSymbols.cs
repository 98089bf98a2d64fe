using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// The runtime guard as the compilation sees it. Matched by name: the analyzer must not reference
/// PickleBuildGuard.Core, and a project without it simply has no guard.
/// </summary>
internal sealed class GuardSymbols
{
    public const string PickleGuardMetadataName = "PickleBuildGuard.PickleGuard";
    public const string EnsureSafeName = "EnsureSafe";
    public const string IsSafeName = "IsSafe";

    private GuardSymbols(INamedTypeSymbol? pickleGuard, INamedTypeSymbol? stream)
    {
        PickleGuard = pickleGuard;
        Stream = stream;
    }

    public INamedTypeSymbol? PickleGuard { get; }

    public INamedTypeSymbol? Stream { get; }

    private static readonly ConditionalWeakTable<Compilation, GuardSymbols> Cache = new();

    public static GuardSymbols Create(Compilation compilation) =>
        Cache.GetValue(compilation, static c => new GuardSymbols(
            Interop.DeclaredNamespaces.MayContain(c, "PickleBuildGuard") ? c.GetTypeByMetadataName(PickleGuardMetadataName) : null,
            c.GetTypeByMetadataName("System.IO.Stream")));

    public bool IsEnsureSafe(IMethodSymbol method) => IsGuardMethod(method, EnsureSafeName);

    public bool IsIsSafe(IMethodSymbol method) => IsGuardMethod(method, IsSafeName);

    /// <summary>Types <c>PickleGuard.EnsureSafe</c> accepts: string, byte[], and Stream or a subclass.</summary>
    public bool IsScannable(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return false;
            case { SpecialType: SpecialType.System_String }:
                return true;
            case IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte }:
                return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Stream))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsGuardMethod(IMethodSymbol method, string name) =>
        PickleGuard is not null
        && method.Name == name
        && SymbolEqualityComparer.Default.Equals(method.ContainingType, PickleGuard)
        && method.Parameters.Length >= 1;
}
