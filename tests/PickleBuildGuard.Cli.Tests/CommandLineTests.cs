using System.IO;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("scan", "--bogus", "x.pkl")]
    [InlineData("scan")]
    [InlineData("scan", "x.pkl", "--format")]
    [InlineData("scan", "x.pkl", "--format", "xml")]
    [InlineData("scan", "x.pkl", "-o")]
    [InlineData("scan", "x.pkl", "-o", "--recursive")]
    [InlineData("scan", "x.pkl", "--recursive=yes")]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    public void BadUsage_Exits64_WithUsageLine(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("pickleguard: ", result.Stderr);
        Assert.Contains("usage: pickleguard scan", result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void NoArguments_Exits64()
    {
        Assert.Equal(64, CliRunner.Run().ExitCode);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_ExitsZero_AndDescribesScan(string option)
    {
        var result = CliRunner.Run(option);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("pickleguard scan", result.Stdout);
    }

    [Fact]
    public void ScanHelp_ExitsZero_AndDocumentsOptionsAndExitCodes()
    {
        var result = CliRunner.Run("scan", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "--recursive", "--format", "--output", "--policy", "--allow", "--block", "--strict", "66", "64", ".pkl" })
        {
            Assert.Contains(expected, result.Stdout);
        }
    }

    [Fact]
    public void Version_PrintsTheEngineVersion()
    {
        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ScanReport.ToolVersion, result.Stdout.Trim());
    }

    [Fact]
    public void Parse_AcceptsInlineValuesListsAndEndOfOptions()
    {
        var command = CommandLine.Parse(new[] { "scan", "--format=JSON", "-r", "--allow", "a.b,c.*", "--allow=d.e", "--block", "x.y", "--strict", "--", "-weird.pkl" });

        Assert.Equal(CommandKind.Scan, command.Kind);
        var options = command.Scan!;
        Assert.Equal(ReportFormat.Json, options.Format);
        Assert.True(options.Recursive);
        Assert.True(options.Strict);
        Assert.Equal(new[] { "a.b", "c.*", "d.e" }, options.AllowGlobals);
        Assert.Equal(new[] { "x.y" }, options.BlockGlobals);
        Assert.Equal(new[] { "-weird.pkl" }, options.Paths);
    }

    [Fact]
    public void Parse_OutputDashMeansStdout()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("a.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", file, "-f", "json", "-o", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"tool\"", result.Stdout);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void ThreeArgumentRun_WorksWithoutAnExplicitEnvironment()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("a.pkl", TestPickles.Benign);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exitCode = Program.Run(new[] { "scan", file }, stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.False(stdout.ToString().Contains('\u001b'), "no ANSI escape expected");
    }
}
