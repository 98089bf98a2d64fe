using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using PickleBuildGuard.CodeFixes;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

/// <summary>What decides whether the analyzer loads in a user's compiler, and what it costs when nothing applies.</summary>
public sealed class AnalyzerLoadingTests
{
    [Theory]
    [InlineData(typeof(Rules))]
    [InlineData(typeof(EnsureSafeCodeFixProvider))]
    public void Assemblies_reference_only_the_compiler_and_netstandard(Type type)
    {
        // Anything else would have to ship next to the dll (CS8032 / AD0001 when it does not). System.Reflection.Metadata
        // and System.Collections.Immutable come with every compiler: Microsoft.CodeAnalysis itself depends on them, at
        // no newer a version than Roslyn 4.8 references.
        var allowed = new[] { "netstandard", "System.Collections.Immutable", "System.Reflection.Metadata", "System.Composition.AttributedModel", "PickleBuildGuard.Analyzers" };
        var references = type.Assembly.GetReferencedAssemblies();
        Assert.All(references, reference => Assert.True(
            reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || allowed.Contains(reference.Name),
            reference.Name + " is not provided by the compiler"));
        var roslyn = typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetReferencedAssemblies();
        foreach (var shared in references.Where(r => r.Name is "System.Reflection.Metadata" or "System.Collections.Immutable"))
        {
            Assert.True(shared.Version <= roslyn.Single(r => r.Name == shared.Name).Version, shared.Name + " is newer than the compiler's");
        }
    }

    [Fact]
    public void Analyzer_is_built_against_Roslyn_4_8_so_every_compiler_since_SDK_8_0_100_loads_it()
    {
        // A newer Microsoft.CodeAnalysis than the running compiler is CS9057: a silently dead analyzer.
        var roslyn = typeof(Rules).Assembly.GetReferencedAssemblies().Where(reference => reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, reference => Assert.Equal(new Version(4, 8, 0, 0), reference.Version));
        Assert.Equal(".NETStandard,Version=v2.0", typeof(Rules).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName);
    }

    [Fact]
    public async Task Interop_analyzers_register_no_callback_when_no_sink_type_is_referenced()
    {
        var (project, _) = new TestProject().WithoutInteropLibraries().WithSource("class C { void M(System.IO.Stream s) { } }").Build();
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(TestProject.Analyzers, project.AnalyzerOptions);
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        foreach (var analyzer in TestProject.Analyzers.Where(analyzer => analyzer is not PythonProcessAnalyzer))
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            Assert.Equal(0, telemetry.OperationActionsCount + telemetry.AdditionalFileActionsCount);
        }
    }

    [Fact]
    public async Task The_namespace_prefilter_sees_referenced_and_source_namespaces_and_rules_out_absent_ones()
    {
        var (withStubs, _) = new TestProject().WithoutPickleGuard().WithSource("namespace Acme.Models { class C { } }").Build();
        var compilation = (await withStubs.GetCompilationAsync())!;
        foreach (string present in new[] { "Python.Runtime", "Razorvine.Pickle", "CSnakes.Runtime.Python", "Microsoft.Scripting.Hosting", "TorchSharp.PyBridge", "System.Diagnostics", "Acme.Models" })
        {
            Assert.True(Interop.DeclaredNamespaces.MayContain(compilation, present), present);
        }

        Assert.False(Interop.DeclaredNamespaces.MayContain(compilation, "PickleBuildGuard"));
        var (plain, _) = new TestProject().WithoutInteropLibraries().WithSource("class C { }").Build();
        var plainCompilation = (await plain.GetCompilationAsync())!;
        Assert.False(Interop.DeclaredNamespaces.MayContain(plainCompilation, "Python.Runtime"));
        Assert.False(Interop.DeclaredNamespaces.MayContain(plainCompilation, "Razorvine.Pickle"));
        Assert.True(Interop.DeclaredNamespaces.MayContain(plainCompilation, "PickleBuildGuard"));
    }

    [Fact]
    public async Task The_namespace_prefilter_reads_every_form_of_source_namespace_declaration()
    {
        var (project, _) = new TestProject().WithoutInteropLibraries()
            .WithSource("namespace Python { namespace Runtime { class PyObject { } } }", "Nested.cs")
            .WithSource("namespace Razorvine.Pickle;\nclass Unpickler { }", "FileScoped.cs")
            .WithSource("namespace @CSnakes.Runtime { namespace Python { class PyObject { } } }", "Escaped.cs")
            .WithSource("using IronPython.Hosting;\n// namespace TorchSharp.PyBridge\nclass C { string s = \"namespace Microsoft.Scripting.Hosting\"; }", "Mentions.cs")
            .Build();
        var compilation = (await project.GetCompilationAsync())!;
        foreach (string present in new[] { "Python", "Python.Runtime", "Razorvine", "Razorvine.Pickle", "CSnakes.Runtime", "CSnakes.Runtime.Python" })
        {
            Assert.True(Interop.DeclaredNamespaces.MayContain(compilation, present), present);
        }

        // Named in a using directive, a comment or a string, or only a prefix of a declared name: not declared.
        foreach (string absent in new[] { "IronPython.Hosting", "TorchSharp.PyBridge", "Microsoft.Scripting.Hosting", "Runtime", "Python.Run", "Razorvine.Pickle.Extra" })
        {
            Assert.False(Interop.DeclaredNamespaces.MayContain(compilation, absent), absent);
        }
    }

    [Fact]
    public async Task Interop_analyzers_register_callbacks_when_a_sink_type_is_referenced()
    {
        var (project, _) = new TestProject().WithSource("class C { }").WithPythonFile("model_loader.py", "import json\n").Build();
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(TestProject.Analyzers, project.AnalyzerOptions);
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        foreach (var analyzer in TestProject.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            Assert.True(telemetry.OperationActionsCount + telemetry.AdditionalFileActionsCount > 0, analyzer.GetType().Name);
        }
    }

    [Fact]
    public void Every_rule_is_supported_by_an_analyzer_and_fixable_by_the_code_fix()
    {
        var supported = TestProject.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
        var ids = typeof(RuleIdentifiers).GetFields().Where(field => field.IsLiteral && field.Name != nameof(RuleIdentifiers.HelpUriBase)).Select(field => (string)field.GetValue(null)!).ToList();
        Assert.Equal(6, ids.Count);
        Assert.All(ids, id => Assert.Contains(id, supported));
        Assert.Equal(ids.OrderBy(id => id), new EnsureSafeCodeFixProvider().FixableDiagnosticIds.OrderBy(id => id));
    }
}
