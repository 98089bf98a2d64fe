namespace PickleBuildGuard.Cli;

/// <summary>A file to scan: where it is, and what the report calls it (relative, as the user wrote its directory).</summary>
internal sealed record ScanTarget(string Path, string DisplayPath);
