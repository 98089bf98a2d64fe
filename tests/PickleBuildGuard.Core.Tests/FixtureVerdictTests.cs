using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>The fixture corpus: every bypass technique is blocked at dangerous or worse, every real benign pickle is clean.</summary>
public class FixtureVerdictTests
{
    private static readonly PickleScanner Scanner = new();

    public static IEnumerable<object[]> Malicious() => Fixtures.OfClass("malicious");

    public static IEnumerable<object[]> Benign() => Fixtures.OfClass("benign");

    [Theory]
    [MemberData(nameof(Malicious))]
    public void Malicious_fixture_is_dangerous_or_critical(string relative)
    {
        FileScanResult result = Scanner.ScanFile(Fixtures.PathOf(relative));

        Assert.True(
            result.Verdict >= Verdict.Dangerous,
            $"{relative} ({Fixtures.Technique(relative)}): {result.Verdict.ToName()} / {result.Status.ToName()}\n  " + string.Join("\n  ", result.Findings));
        Assert.False(result.SafeToLoad);
        Assert.Contains(result.Findings, f => f.Severity >= Verdict.Dangerous && f.RuleId.StartsWith("PBG1"));
    }

    [Theory]
    [MemberData(nameof(Benign))]
    public void Benign_fixture_is_clean_with_no_finding(string relative)
    {
        FileScanResult result = Scanner.ScanFile(Fixtures.PathOf(relative));

        Assert.True(
            result.Verdict == Verdict.Clean && result.Status == ScanStatus.Complete && result.Findings.Count == 0,
            $"{relative}: {result.Verdict.ToName()} / {result.Status.ToName()}\n  " + string.Join("\n  ", result.Findings));
        Assert.True(result.SafeToLoad);
        Assert.Equal(0, result.Score);
        Assert.NotNull(result.Sha256);
    }

    public static IEnumerable<object[]> Gadgets() => Fixtures.OfClass("gadget");

    /// <summary>Real artifacts whose class executes state on load (scipy rv_generic exec()s a pickled template): blocked by design.</summary>
    [Theory]
    [MemberData(nameof(Gadgets))]
    public void Real_artifact_of_a_code_executing_class_is_blocked(string relative)
    {
        FileScanResult result = Scanner.ScanFile(Fixtures.PathOf(relative));
        Assert.Equal(Verdict.Critical, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001");
    }

    [Fact]
    public void Corpus_has_the_size_the_issue_asks_for()
    {
        Assert.True(Malicious().Count() >= 60, "malicious fixtures");
        Assert.True(Benign().Count() >= 60, "benign fixtures");
        Assert.All(Fixtures.Manifest, row => Assert.True(File.Exists(Fixtures.PathOf(row[0])), row[0]));
    }
}
