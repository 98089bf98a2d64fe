namespace PickleBuildGuard.Cli;

/// <summary>The values of <c>--format</c>.</summary>
internal enum ReportFormat
{
    Text,
    Json,
    Sarif,
}
