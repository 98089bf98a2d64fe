using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class SarifOutputTests
{
    [Fact]
    public void MaliciousPickle_GivesSarif210WithRuleAndResult()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);

        // The working directory (SRCROOT) is elsewhere, so the location must be an absolute file URI.
        var environment = new CliEnvironment(useColor: false, gitHubActions: false, workingDirectory: temp.Combine("elsewhere"));
        var result = CliRunner.Run(environment, "scan", evil, "--format", "sarif");

        Assert.Equal(3, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());

        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("PickleBuildGuard", driver.GetProperty("name").GetString());
        Assert.Equal(ScanReport.ToolVersion, driver.GetProperty("semanticVersion").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        foreach (var rule in rules)
        {
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString());
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
        }

        int pbg1001 = rules.FindIndex(r => r.GetProperty("id").GetString() == "PBG1001");
        Assert.True(pbg1001 >= 0, "PBG1001 has a rule entry");
        Assert.Equal("DangerousCallableInvokedOnLoad", rules[pbg1001].GetProperty("name").GetString());
        Assert.Contains("security", rules[pbg1001].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("CWE-502", rules[pbg1001].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var finding = run.GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "PBG1001");
        Assert.Equal(pbg1001, finding.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("error", finding.GetProperty("level").GetString());
        Assert.Contains("posix.system", finding.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("posix.system", finding.GetProperty("properties").GetProperty("callable").GetString());

        var location = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
        string uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.Equal(new Uri(evil).AbsoluteUri, uri);
        Assert.False(location.GetProperty("artifactLocation").TryGetProperty("uriBaseId", out _));
        Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void CleanPickle_HasNoResultsButListsTheArtifact()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", clean, "-f", "sarif");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.Empty(run.GetProperty("results").EnumerateArray());
        Assert.Empty(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        var artifact = Assert.Single(run.GetProperty("artifacts").EnumerateArray());
        Assert.Equal("clean", artifact.GetProperty("properties").GetProperty("verdict").GetString());
    }

    [Fact]
    public void FilesUnderTheWorkingDirectory_GetRelativeUrisAgainstSrcRoot()
    {
        using var temp = new TempDirectory();
        temp.Write("models/sub/evil.pkl", TestPickles.Malicious);
        var environment = new CliEnvironment(useColor: false, gitHubActions: false, workingDirectory: temp.Path);

        var result = CliRunner.Run(environment, "scan", temp.Combine("models"), "-r", "-f", "sarif");

        Assert.Equal(3, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var run = document.RootElement.GetProperty("runs")[0];
        var artifactLocation = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("models/sub/evil.pkl", artifactLocation.GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", artifactLocation.GetProperty("uriBaseId").GetString());
        string root = run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString()!;
        Assert.Equal(new Uri(temp.Path + System.IO.Path.DirectorySeparatorChar).AbsoluteUri, root);
    }
}
