using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>
/// Whether a namespace may hold types in a compilation, answered without touching its symbols: from the metadata tables
/// of the referenced assemblies (namespaces that define types) and from the source declarations. The analyzers ask this
/// at compilation start, when the compiler is still building its assembly symbols on another thread: a symbol lookup
/// there waits for (or does) that work and is charged for it, which was most of the analyzer's cost in a project
/// without Python interop. Symbols are resolved later, in the first callback, once the compiler has them.
/// </summary>
internal static class DeclaredNamespaces
{
    private static readonly ConditionalWeakTable<Compilation, ReferenceIndex> Indexes = new();

    /// <summary>False only when no reference defines a type in <paramref name="namespace"/> and no source declares it.</summary>
    public static bool MayContain(Compilation compilation, string @namespace)
    {
        var index = Indexes.GetValue(compilation, Collect);
        if (index.MetadataNamespaces.Contains(@namespace) || DeclaredInSource(compilation, @namespace))
        {
            return true;
        }

        foreach (var project in index.ReferencedCompilations)
        {
            if (DeclaredInSource(project, @namespace))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MayContainAny(Compilation compilation, params string[] namespaces)
    {
        foreach (string name in namespaces)
        {
            if (MayContain(compilation, name))
            {
                return true;
            }
        }

        return false;
    }

    // Every part must be declared as a namespace name somewhere in the source (a cheap, declaration-level test).
    private static bool DeclaredInSource(Compilation compilation, string @namespace)
    {
        foreach (string part in @namespace.Split('.'))
        {
            if (!compilation.ContainsSymbolsWithName(part, SymbolFilter.Namespace))
            {
                return false;
            }
        }

        return true;
    }

    private static ReferenceIndex Collect(Compilation compilation)
    {
        var index = new ReferenceIndex();
        // ExternalReferences, not References: the latter binds the references (it adds #r directives) and waits for the
        // compiler to build its assembly symbol.
        foreach (var reference in compilation.ExternalReferences)
        {
            switch (reference)
            {
                case PortableExecutableReference file:
                    AddMetadataNamespaces(file, index.MetadataNamespaces);
                    break;
                case CompilationReference project:
                    // The IDE's view of a ProjectReference: asked through its declarations like the source.
                    index.ReferencedCompilations.Add(project.Compilation);
                    break;
            }
        }

        return index;
    }

    private static void AddMetadataNamespaces(PortableExecutableReference file, HashSet<string> names)
    {
        try
        {
            switch (file.GetMetadata())
            {
                case AssemblyMetadata assembly:
                    foreach (var module in assembly.GetModules())
                    {
                        AddNamespaces(module.GetMetadataReader(), names);
                    }

                    break;
                case ModuleMetadata module:
                    AddNamespaces(module.GetMetadataReader(), names);
                    break;
            }
        }
        catch (System.Exception e) when (e is System.BadImageFormatException or System.IO.IOException or System.InvalidOperationException)
        {
            // An unreadable reference is the compiler's error to report; it holds no interop type we could match.
        }
    }

    private static void AddNamespaces(MetadataReader reader, HashSet<string> names)
    {
        var pending = new Stack<NamespaceDefinitionHandle>(reader.GetNamespaceDefinitionRoot().NamespaceDefinitions);
        while (pending.Count > 0)
        {
            var definition = reader.GetNamespaceDefinition(pending.Pop());
            if (definition.TypeDefinitions.Length > 0)
            {
                names.Add(FullName(reader, definition));
            }

            foreach (var child in definition.NamespaceDefinitions)
            {
                pending.Push(child);
            }
        }
    }

    private sealed class ReferenceIndex
    {
        public HashSet<string> MetadataNamespaces { get; } = new(System.StringComparer.Ordinal);

        public List<Compilation> ReferencedCompilations { get; } = new();
    }

    private static string FullName(MetadataReader reader, NamespaceDefinition definition)
    {
        string name = reader.GetString(definition.Name);
        for (var parent = definition.Parent; !parent.IsNil; )
        {
            var outer = reader.GetNamespaceDefinition(parent);
            if (outer.Name.IsNil)
            {
                break;
            }

            name = reader.GetString(outer.Name) + "." + name;
            parent = outer.Parent;
        }

        return name;
    }
}
