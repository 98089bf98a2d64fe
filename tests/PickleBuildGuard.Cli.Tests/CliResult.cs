namespace PickleBuildGuard.Cli.Tests;

/// <summary>What one in-process run of the CLI produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
