using System.IO;
using System.Text.Json;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class OutputFileTests
{
    [Fact]
    public void OutputOption_WritesTheReportToAFileInNewDirectories()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);
        string report = temp.Combine(Path.Combine("out", "reports", "scan.json"));

        var result = CliRunner.Run("scan", evil, "-f", "json", "-o", report);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("Scanned 1 file", result.Stderr);
        Assert.Contains(report, result.Stderr);
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("critical", document.RootElement.GetProperty("verdict").GetString());
        Assert.NotEqual(0xEF, File.ReadAllBytes(report)[0]); // no byte order mark
    }

    [Fact]
    public void OutputOption_WithSarif_WritesAValidLog()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);
        string report = temp.Combine("scan.sarif");

        var result = CliRunner.Run("scan", clean, "--format=sarif", "--output=" + report);

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void OutputOption_WithText_WritesNoColours()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);
        string report = temp.Combine("scan.txt");
        var coloured = new CliEnvironment(useColor: true, gitHubActions: false, workingDirectory: Directory.GetCurrentDirectory());

        var result = CliRunner.Run(coloured, "scan", evil, "-o", report);

        Assert.Equal(3, result.ExitCode);
        string text = File.ReadAllText(report);
        Assert.Contains("PBG1001", text);
        Assert.False(text.Contains('\u001b'), "no ANSI escape expected");
    }

    [Fact]
    public void UnwritableOutput_Exits73()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        // A directory where the report file should go cannot be opened as a file.
        var result = CliRunner.Run("scan", clean, "-o", temp.Path);

        Assert.Equal(73, result.ExitCode);
        Assert.Contains("cannot write report", result.Stderr);
    }
}
