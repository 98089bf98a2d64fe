using System.Linq;
using System.Text.Json;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class JsonOutputTests
{
    [Fact]
    public void MaliciousPickle_GivesTheDesignDocument()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);

        var result = CliRunner.Run("scan", evil, "--format", "json");

        Assert.Equal(3, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("PickleBuildGuard", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal(ScanReport.ToolVersion, root.GetProperty("tool").GetProperty("version").GetString());
        Assert.Equal("critical", root.GetProperty("verdict").GetString());

        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal(evil, file.GetProperty("path").GetString());
        Assert.Equal("pickle", file.GetProperty("format").GetString());
        Assert.Equal("complete", file.GetProperty("status").GetString());
        Assert.Equal("critical", file.GetProperty("verdict").GetString());
        Assert.InRange(file.GetProperty("score").GetInt32(), 80, 100);
        Assert.False(file.GetProperty("safeToLoad").GetBoolean());
        Assert.Equal(JsonValueKind.String, file.GetProperty("sha256").ValueKind);
        Assert.Equal(TestPickles.Malicious.Length, file.GetProperty("bytesScanned").GetInt64());
        Assert.True(file.GetProperty("opcodes").GetInt64() > 0);
        Assert.Contains("posix.system", file.GetProperty("globals").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(JsonValueKind.Array, file.GetProperty("notices").ValueKind);

        var finding = file.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == "PBG1001");
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("posix.system", finding.GetProperty("callable").GetString());
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("message").GetString()));
        Assert.EndsWith("/PBG1001.md", finding.GetProperty("helpUri").GetString());
        Assert.Equal(JsonValueKind.Number, finding.GetProperty("offset").ValueKind);

        // A bare file has no container member: the property is absent, not null.
        Assert.False(finding.TryGetProperty("member", out _));
    }

    [Fact]
    public void CleanPickle_IsSafeToLoadWithNoFindings()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", clean, "-f", "json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var file = Assert.Single(document.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("clean", document.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("clean", file.GetProperty("verdict").GetString());
        Assert.Equal(0, file.GetProperty("score").GetInt32());
        Assert.True(file.GetProperty("safeToLoad").GetBoolean());
        Assert.Empty(file.GetProperty("findings").EnumerateArray());
        Assert.Empty(file.GetProperty("globals").EnumerateArray());
    }

    [Fact]
    public void MissingPath_KeepsStdoutAValidDocument()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", clean, temp.Combine("missing.pkl"), "-f", "json");

        Assert.Equal(66, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Single(document.RootElement.GetProperty("files").EnumerateArray());
    }
}
