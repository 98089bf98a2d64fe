using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

/// <summary>Severity comes from the descriptor by default and from .editorconfig when the user sets it.</summary>
public sealed class ConfigurationTests
{
    private const string Source = """
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream) => [|new Unpickler().load(stream)|];
        }
        """;

    [Fact]
    public async Task Default_severity_is_warning()
    {
        var diagnostic = Assert.Single(await new TestProject().WithSource(Source).VerifyAsync(RuleIdentifiers.DotNetUnpickler));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task Editorconfig_can_raise_a_rule_to_error()
    {
        var diagnostic = Assert.Single(await new TestProject()
            .WithSource(Source)
            .WithEditorConfig("root = true\n\n[*.cs]\ndotnet_diagnostic.PBG2005.severity = error\n")
            .VerifyAsync(RuleIdentifiers.DotNetUnpickler));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public async Task Editorconfig_can_turn_a_rule_off()
    {
        var (project, _) = new TestProject()
            .WithSource(Source)
            .WithEditorConfig("root = true\n\n[*.cs]\ndotnet_diagnostic.PBG2005.severity = none\n")
            .Build();
        Assert.Empty(await TestProject.AnalyzeAsync(project));
    }

    [Fact]
    public async Task Editorconfig_category_setting_applies_to_every_rule()
    {
        var diagnostic = Assert.Single(await new TestProject()
            .WithSource(Source)
            .WithEditorConfig("root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.category-Security.severity = error\n")
            .VerifyAsync(RuleIdentifiers.DotNetUnpickler));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public async Task Pragma_suppresses_one_load()
    {
        var (project, _) = new TestProject().WithSource("""
            using System.IO;
            using Razorvine.Pickle;

            class C
            {
            #pragma warning disable PBG2005 // reviewed: the stream is our own cache
                object M(Stream stream) => new Unpickler().load(stream);
            #pragma warning restore PBG2005
            }
            """).Build();
        var diagnostics = await TestProject.AnalyzeAsync(project);
        Assert.DoesNotContain(diagnostics, d => !d.IsSuppressed);
    }
}
