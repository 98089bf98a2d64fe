using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Logging.StructuredLogger;

namespace PickleBuildGuard.Package.Tests;

/// <summary>One `dotnet build` of a consumer project, as its binlog tells it.</summary>
internal sealed class BuildRun
{
    public BuildRun(int exitCode, string output, string binlogPath)
    {
        ExitCode = exitCode;
        Output = output;
        BinlogPath = binlogPath;
        var build = BinaryLog.ReadBuild(binlogPath);
        Succeeded = build.Succeeded;
        Errors = build.FindChildrenRecursive<Error>().Select(e => new Diagnostic(e.Code, e.File, e.LineNumber, e.Text)).ToList();
        Warnings = build.FindChildrenRecursive<Warning>().Select(w => new Diagnostic(w.Code, w.File, w.LineNumber, w.Text)).ToList();
        Messages = build.FindChildrenRecursive<Message>().Select(m => m.Text).ToList();
        ExecutedTargets = build.FindChildrenRecursive<Target>().Where(t => !t.Skipped).Select(t => t.Name).ToList();
        ScanTargetMilliseconds = build.FindChildrenRecursive<Target>(t => t.Name == "PickleBuildGuardScan" && !t.Skipped)
            .Select(t => t.Duration.TotalMilliseconds).ToList();
    }

    public int ExitCode { get; }

    public string Output { get; }

    public string BinlogPath { get; }

    public bool Succeeded { get; }

    public IReadOnlyList<Diagnostic> Errors { get; }

    public IReadOnlyList<Diagnostic> Warnings { get; }

    public IReadOnlyList<string> Messages { get; }

    public IReadOnlyList<string> ExecutedTargets { get; }

    public IReadOnlyList<double> ScanTargetMilliseconds { get; }

    /// <summary>PBG errors and warnings only (the SDK's own diagnostics are not ours to assert).</summary>
    public IEnumerable<Diagnostic> PbgErrors => Errors.Where(e => e.Code?.StartsWith("PBG") == true);

    public IEnumerable<Diagnostic> PbgWarnings => Warnings.Where(e => e.Code?.StartsWith("PBG") == true);

    /// <summary>The gate's summary lines ("PickleBuildGuard: n model file(s)…"), one per scan.</summary>
    public IEnumerable<string> Summaries => Messages.Where(m => m.StartsWith("PickleBuildGuard: ") && m.Contains("model file(s)"));

    public override string ToString() => Output;

    internal sealed record Diagnostic(string? Code, string? File, int Line, string Text);
}
