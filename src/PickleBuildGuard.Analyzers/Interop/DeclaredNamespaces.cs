using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>
/// The simple namespace names (<c>Python</c>, <c>Runtime</c>) declared in the compilation or any assembly it references,
/// read from declarations and metadata tables (<see cref="IAssemblySymbol.NamespaceNames"/>). Asking this before
/// <c>GetTypeByMetadataName</c> keeps a project without Python interop from paying for a dozen lookups through every
/// reference's namespace tree at compilation start, the largest part of the analyzer's cost in such a project. A
/// "maybe" (every part of the name declared somewhere) only means the real lookup runs.
/// </summary>
internal static class DeclaredNamespaces
{
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> Cache = new();

    public static bool MayContain(Compilation compilation, string @namespace)
    {
        var names = Cache.GetValue(compilation, Collect);
        foreach (string part in @namespace.Split('.'))
        {
            if (!names.Contains(part))
            {
                return false;
            }
        }

        return true;
    }

    private static HashSet<string> Collect(Compilation compilation)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        names.UnionWith(compilation.Assembly.NamespaceNames);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            names.UnionWith(assembly.NamespaceNames);
        }

        return names;
    }
}
