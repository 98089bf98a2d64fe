using System.IO;
using System.Linq;
using PickleBuildGuard.Gate;
using Xunit;

namespace PickleBuildGuard.Tests.Gate;

/// <summary>The cache replays results exactly: every field of every fixture's result survives the round trip.</summary>
public sealed class ScanResultJsonTests
{
    [Fact]
    public void Every_fixture_result_round_trips_exactly()
    {
        var scanner = new PickleScanner();
        var files = Directory.GetFiles(Path.Combine(Fixtures.Root, "tests", "fixtures"), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".txt") && !f.EndsWith(".py") && !f.EndsWith(".tsv") && new FileInfo(f).Length < (4 << 20))
            .ToList();
        Assert.True(files.Count > 400, $"only {files.Count} fixtures");
        foreach (string file in files)
        {
            var result = scanner.ScanFile(file);
            string json = ScanResultJson.Write(result);
            var back = ScanResultJson.Read(json);
            Assert.Equal(json, ScanResultJson.Write(back));
            Assert.Equal(
                (result.Path, result.Format, result.Status, result.Verdict, result.Score, result.Sha256, result.BytesScanned, result.OpcodeCount),
                (back.Path, back.Format, back.Status, back.Verdict, back.Score, back.Sha256, back.BytesScanned, back.OpcodeCount));
            Assert.Equal(result.Globals, back.Globals);
            Assert.Equal(result.Findings.Select(f => f.ToString() + f.Member + f.Occurrences), back.Findings.Select(f => f.ToString() + f.Member + f.Occurrences));
            Assert.Equal(result.Notices.Select(n => n.ToString()), back.Notices.Select(n => n.ToString()));
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("{\"path\": 1}")]
    public void Anything_else_is_a_format_error(string text) =>
        Assert.Throws<System.FormatException>(() => ScanResultJson.Read(text));
}
