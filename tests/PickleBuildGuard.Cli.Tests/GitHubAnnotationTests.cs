using System.IO;
using System.Linq;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class GitHubAnnotationTests
{
    [Fact]
    public void InGitHubActions_FindingsBecomeWorkflowCommandsOnStderr()
    {
        using var temp = new TempDirectory();
        temp.Write(Path.Combine("models", "evil.pkl"), TestPickles.Malicious);
        var actions = new CliEnvironment(useColor: false, gitHubActions: true, workingDirectory: temp.Path, gitHubWorkspace: temp.Path);

        var result = CliRunner.Run(actions, "scan", temp.Combine("models"), "-f", "json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("::error file=models/evil.pkl,line=1,title=PBG1001::", result.Stderr);
        Assert.DoesNotContain("::error", result.Stdout);
    }

    [Fact]
    public void AnnotationsAreLimitedToTenPerLevel()
    {
        using var temp = new TempDirectory();
        for (int i = 0; i < 12; i++)
        {
            temp.Write($"evil{i:00}.pkl", TestPickles.Malicious);
        }

        var actions = new CliEnvironment(useColor: false, gitHubActions: true, workingDirectory: temp.Path, gitHubWorkspace: temp.Path);

        var result = CliRunner.Run(actions, "scan", temp.Path);

        var lines = result.Stderr.Split('\n');
        Assert.Equal(10, lines.Count(l => l.StartsWith("::error ")));
        Assert.Contains(lines, l => l.StartsWith("::notice::"));
    }

    [Fact]
    public void OutsideGitHubActions_NoWorkflowCommands()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);

        var result = CliRunner.Run("scan", evil);

        Assert.DoesNotContain("::error", result.Stderr + result.Stdout);
    }
}
