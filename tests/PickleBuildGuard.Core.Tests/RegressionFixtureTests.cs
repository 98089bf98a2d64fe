using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>
/// One input per defect the fuzzer found (tests/fixtures/regressions, made by generate_regression_fixtures.py there):
/// each scans to the verdict, status and rules of its manifest row, within its time, and never with PBG0008.
/// </summary>
public class RegressionFixtureTests
{
    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(Fixtures.Regressions, "manifest.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            rows.Add(line.Split('\t')[0]);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Regression_fixture_scans_to_its_manifest_verdict(string name)
    {
        string[] row = File.ReadAllLines(Path.Combine(Fixtures.Regressions, "manifest.tsv")).First(l => l.StartsWith(name + "\t", StringComparison.Ordinal)).Split('\t');
        var clock = Stopwatch.StartNew();

        FileScanResult result = new PickleScanner().ScanFile(Path.Combine(Fixtures.Regressions, name));

        clock.Stop();
        string found = string.Join("; ", result.Findings.Select(f => f.ToString()));
        Assert.True(row[1] == result.Verdict.ToName(), $"{name}: verdict {result.Verdict.ToName()}, expected {row[1]}: {found}");
        Assert.True(row[2] == result.Status.ToName(), $"{name}: status {result.Status.ToName()}, expected {row[2]}: {found}");
        foreach (string rule in row[3].Split(','))
        {
            Assert.True(result.Findings.Any(f => f.RuleId == rule), $"{name}: no {rule} among {found}");
        }

        Assert.DoesNotContain(result.Findings, f => f.RuleId == "PBG0008");
        Assert.True(clock.Elapsed.TotalSeconds < double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture), $"{name}: took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Raw_sweep_of_string_like_bytes_allocates_little()
    {
        // Before the fix the sweep allocated a string at each of the 200,000 positions: 75 MB for this file.
        string path = Path.Combine(Fixtures.Regressions, "sweep_string_candidates.pkl.gz");
        long before = GC.GetAllocatedBytesForCurrentThread();

        FileScanResult result = new PickleScanner().ScanFile(path);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.True(allocated < 16L << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Findings_past_the_listed_limit_of_a_rule_are_counted_in_one()
    {
        // 1,500 distinct unknown globals: 1,000 listed, the other 500 folded into one summary finding.
        var pickle = new StringBuilder("(");
        for (int i = 0; i < 1500; i++)
        {
            pickle.Append($"cfuzzmodule{i}\nthing\n");
        }

        FileScanResult result = new PickleScanner().ScanBytes(Encoding.ASCII.GetBytes(pickle.Append("t.").ToString()));

        var unknown = result.Findings.Where(f => f.RuleId == "PBG1004").ToArray();
        Assert.Equal(1001, unknown.Length);
        Finding summary = Assert.Single(unknown, f => f.Callable is null);
        Assert.Equal(500, summary.Occurrences);
        Assert.Equal(Verdict.Suspicious, result.Verdict);
        Assert.Equal(1500, result.Globals.Count);
    }
}
