using System.Collections.Generic;
using System.Linq;

namespace PickleBuildGuard;

/// <summary>The results of one scan run over one or more files.</summary>
public sealed class ScanReport
{
    public ScanReport(IReadOnlyList<FileScanResult> files)
    {
        Files = files;
        Verdict = files.Count == 0 ? Verdict.Clean : files.Max(f => f.Verdict);
    }

    public static string ToolName => "PickleBuildGuard";

    public static string ToolVersion => ThisAssembly.Version;

    /// <summary>The worst verdict over all files.</summary>
    public Verdict Verdict { get; }

    public IReadOnlyList<FileScanResult> Files { get; }
}
