using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>
/// Whether a namespace may hold types in a compilation, answered without touching its symbols: from the metadata tables
/// of the referenced assemblies (namespaces that define types) and from the namespace declarations in the source. The
/// analyzers ask this at compilation start, when the compiler is still building its assembly symbols and its merged
/// declaration table on other threads: a symbol lookup (or <c>ContainsSymbolsWithName</c>) there waits for, or does,
/// that work and is charged for it, which was most of the analyzer's cost in a project without Python interop.
/// Symbols are resolved later, in the first callback, once the compiler has them.
/// </summary>
internal static class DeclaredNamespaces
{
    private static readonly ConditionalWeakTable<Compilation, NamespaceIndex> Indexes = new();

    /// <summary>False only when no reference defines a type in <paramref name="namespace"/> and no source declares it.</summary>
    public static bool MayContain(Compilation compilation, string @namespace) =>
        Indexes.GetValue(compilation, static c => new NamespaceIndex(c)).MayContain(@namespace);

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

    /// <summary>
    /// One compilation's answers. The references' tables are searched per question (a handful per compilation) with
    /// the metadata reader's own string comparer, so no namespace name is decoded and no namespace tree is built.
    /// </summary>
    private sealed class NamespaceIndex
    {
        private readonly List<MetadataReader> readers = new();
        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<string, bool> answers = new(System.StringComparer.Ordinal);
        private HashSet<string>? sourceNamespaces;

        public NamespaceIndex(Compilation compilation)
        {
            this.compilation = compilation;

            // ExternalReferences, not References: the latter binds the references (it adds #r directives) and waits
            // for the compiler to build its assembly symbol.
            foreach (var reference in compilation.ExternalReferences)
            {
                if (reference is PortableExecutableReference file)
                {
                    AddReaders(file, readers);
                }
            }
        }

        // Metadata first: an interop library is a package reference, so the source is read only when it is absent.
        public bool MayContain(string @namespace) =>
            answers.GetOrAdd(@namespace, name => DefinedInMetadata(name) || SourceNamespaces.Contains(name));

        private HashSet<string> SourceNamespaces =>
            LazyInitializer.EnsureInitialized(ref sourceNamespaces, () => CollectSourceNamespaces(compilation))!;

        private bool DefinedInMetadata(string @namespace)
        {
            foreach (var reader in readers)
            {
                var previous = default(StringHandle);
                foreach (var handle in reader.TypeDefinitions)
                {
                    // Types of one namespace usually share one string handle and sit together: compare each run once.
                    var name = reader.GetTypeDefinition(handle).Namespace;
                    if (name == previous)
                    {
                        continue;
                    }

                    previous = name;
                    if (reader.StringComparer.Equals(name, @namespace))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static void AddReaders(PortableExecutableReference file, List<MetadataReader> readers)
        {
            try
            {
                switch (file.GetMetadata())
                {
                    case AssemblyMetadata assembly:
                        foreach (var module in assembly.GetModules())
                        {
                            readers.Add(module.GetMetadataReader());
                        }

                        break;
                    case ModuleMetadata module:
                        readers.Add(module.GetMetadataReader());
                        break;
                }
            }
            catch (System.Exception e) when (e is System.BadImageFormatException or System.IO.IOException or System.InvalidOperationException)
            {
                // An unreadable reference is the compiler's error to report; it holds no interop type we could match.
            }
        }

        /// <summary>
        /// Every namespace the source declares, with each enclosing one (<c>namespace A.B</c> declares A too), also in
        /// referenced projects' source (the IDE's view of a ProjectReference). Only the declarations at the top of
        /// each file are read, never a body.
        /// </summary>
        private static HashSet<string> CollectSourceNamespaces(Compilation compilation)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            AddSourceNamespaces(compilation, names);
            foreach (var reference in compilation.ExternalReferences)
            {
                if (reference is CompilationReference project)
                {
                    AddSourceNamespaces(project.Compilation, names);
                }
            }

            return names;
        }

        private static void AddSourceNamespaces(Compilation compilation, HashSet<string> names)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is CompilationUnitSyntax unit)
                {
                    AddDeclared(unit.Members, prefix: null, names);
                }
            }
        }

        private static void AddDeclared(SyntaxList<MemberDeclarationSyntax> members, string? prefix, HashSet<string> names)
        {
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax declaration)
                {
                    string name = AddName(declaration.Name, prefix, names);
                    AddDeclared(declaration.Members, name, names);
                }
            }
        }

        // Adds each dotted step of the name (A, A.B, A.B.C) under the enclosing namespace; returns the full name.
        private static string AddName(NameSyntax name, string? prefix, HashSet<string> names)
        {
            string full = name switch
            {
                QualifiedNameSyntax qualified => AddName(qualified.Left, prefix, names) + "." + qualified.Right.Identifier.ValueText,
                SimpleNameSyntax simple => prefix is null ? simple.Identifier.ValueText : prefix + "." + simple.Identifier.ValueText,
                _ => prefix ?? string.Empty,
            };
            names.Add(full);
            return full;
        }
    }
}
