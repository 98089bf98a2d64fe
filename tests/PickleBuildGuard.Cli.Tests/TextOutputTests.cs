using System.IO;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class TextOutputTests
{
    [Fact]
    public void MaliciousPickle_ShowsRuleCallableAndSummary()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", evil, clean);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(evil + "  [pickle]  CRITICAL (score ", result.Stdout);
        Assert.Contains(clean + "  [pickle]  CLEAN (score 0)", result.Stdout);
        Assert.Contains("  PBG1001 critical  posix.system", result.Stdout);
        Assert.Contains("Scanned 2 files: 1 clean, 0 suspicious, 0 unknown, 0 dangerous, 1 critical.", result.Stdout);
        Assert.False(result.Stdout.Contains('\u001b'), "no ANSI escape expected");
    }

    [Fact]
    public void ColoursOnlyWhenTheEnvironmentAllowsThem()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);
        var coloured = new CliEnvironment(useColor: true, gitHubActions: false, workingDirectory: Directory.GetCurrentDirectory());

        var result = CliRunner.Run(coloured, "scan", evil);

        Assert.True(result.Stdout.Contains('\u001b'), "ANSI escapes expected");
    }
}
