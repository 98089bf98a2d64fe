using System;
using System.IO;

namespace PickleBuildGuard.Cli;

/// <summary>What the CLI takes from its surroundings, gathered once so tests can set it explicitly.</summary>
internal sealed class CliEnvironment
{
    public CliEnvironment(bool useColor, bool gitHubActions, string workingDirectory, string? gitHubWorkspace = null)
    {
        UseColor = useColor;
        GitHubActions = gitHubActions;
        WorkingDirectory = workingDirectory;
        GitHubWorkspace = gitHubWorkspace;
    }

    /// <summary>ANSI colours in text reports written to stdout.</summary>
    public bool UseColor { get; }

    /// <summary>Also print findings as GitHub Actions workflow commands.</summary>
    public bool GitHubActions { get; }

    /// <summary>The base of relative paths in SARIF (SRCROOT).</summary>
    public string WorkingDirectory { get; }

    /// <summary>The checkout root annotation paths are relative to (GITHUB_WORKSPACE), when known.</summary>
    public string? GitHubWorkspace { get; }

    /// <summary>Colours only on a terminal, and never when NO_COLOR is set to anything (no-color.org) or TERM is dumb.</summary>
    public static CliEnvironment Detect(bool stdoutIsTerminal)
    {
        bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        bool gitHubActions = string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        string? workspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE");
        return new CliEnvironment(
            useColor: stdoutIsTerminal && !noColor,
            gitHubActions: gitHubActions,
            workingDirectory: Directory.GetCurrentDirectory(),
            gitHubWorkspace: string.IsNullOrEmpty(workspace) ? null : workspace);
    }
}
