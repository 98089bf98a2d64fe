using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

/// <summary>Each rule's descriptor and its page agree: the help link resolves to a page in docs/rules.</summary>
public sealed class RuleDocumentationTests
{
    public static TheoryData<string> RuleIds() => new(TestProject.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_is_a_security_warning_with_the_docs_help_link(string id)
    {
        var descriptor = TestProject.Analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
        Assert.Equal("Security", descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal("https://github.com/picklebuildguard/picklebuildguard/blob/main/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
        Assert.Equal(PickleBuildGuard.Rules.RuleCatalog.HelpUriBase + id + ".md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_exists_with_the_standard_sections_and_is_indexed(string id)
    {
        string root = RepositoryRoot();
        string page = File.ReadAllText(Path.Combine(root, "docs", "rules", id + ".md"));
        Assert.StartsWith("# " + id + ":", page, StringComparison.Ordinal);
        foreach (var section in new[] { "## What it detects", "## Why it matters", "## Example", "## How to fix", "## Suppressing" })
        {
            Assert.Contains(section, page, StringComparison.Ordinal);
        }

        Assert.Contains("| " + id + " |", File.ReadAllText(Path.Combine(root, "docs", "rules", "README.md")), StringComparison.Ordinal);
        Assert.Contains("| [" + id + "](rules/" + id + ".md) | Security | Warning |", File.ReadAllText(Path.Combine(root, "docs", "analyzers.md")), StringComparison.Ordinal);
        Assert.Contains(id + " | Security | Warning", File.ReadAllText(Path.Combine(root, "src", "PickleBuildGuard.Analyzers", "AnalyzerReleases.Unshipped.md")), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PickleBuildGuard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PickleBuildGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
