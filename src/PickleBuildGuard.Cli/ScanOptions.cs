using System.Collections.Generic;

namespace PickleBuildGuard.Cli;

/// <summary>The options of <c>pickleguard scan</c>, as given on the command line.</summary>
internal sealed class ScanOptions
{
    public List<string> Paths { get; } = new();

    public bool Recursive { get; set; }

    public ReportFormat Format { get; set; } = ReportFormat.Text;

    /// <summary>Where the report goes; null (or "-") for stdout.</summary>
    public string? OutputPath { get; set; }

    public string? PolicyPath { get; set; }

    public List<string> AllowGlobals { get; } = new();

    public List<string> BlockGlobals { get; } = new();

    public bool Strict { get; set; }
}
