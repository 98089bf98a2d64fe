using System.IO;

namespace PickleBuildGuard.Cli.Tests;

/// <summary>Runs <c>pickleguard</c> in-process with captured output and a fixed environment (no colours, no CI).</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => Run(Quiet, args);

    public static CliResult Run(CliEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr, environment);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static CliEnvironment Quiet => new(useColor: false, gitHubActions: false, workingDirectory: Directory.GetCurrentDirectory());
}
