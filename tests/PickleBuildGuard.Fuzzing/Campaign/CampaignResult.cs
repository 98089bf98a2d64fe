using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PickleBuildGuard.Fuzzing.Campaign;

/// <summary>The figures of a finished campaign, and the inputs worth looking at.</summary>
public sealed class CampaignResult
{
    public ulong Seed { get; init; }

    public long FirstIndex { get; init; }

    public long InputsRun { get; init; }

    public TimeSpan Elapsed { get; init; }

    public IReadOnlyList<MutatorStatistics> Mutators { get; init; } = Array.Empty<MutatorStatistics>();

    public IReadOnlyList<InputRecord> Failures { get; init; } = Array.Empty<InputRecord>();

    /// <summary>Failures beyond those kept in <see cref="Failures"/>.</summary>
    public long FailureCount { get; init; }

    public IReadOnlyList<InputRecord> Slowest { get; init; } = Array.Empty<InputRecord>();

    public IReadOnlyList<InputRecord> MostAllocating { get; init; } = Array.Empty<InputRecord>();

    public long PeakWorkingSetBytes { get; init; }

    public int Hangs { get; init; }

    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? InputsRun / Elapsed.TotalSeconds : 0;

    /// <summary>A plain-text summary (the campaign command prints it; docs/reliability.md quotes it).</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {Seed}, inputs {FirstIndex:N0}..{FirstIndex + InputsRun - 1:N0} ({InputsRun:N0} run) in {Elapsed.TotalSeconds:N0} s: {InputsPerSecond:N0} inputs/s");
        text.AppendLine($"failures: {FailureCount:N0}   hangs: {Hangs}   peak working set: {PeakWorkingSetBytes / (1 << 20):N0} MiB");
        text.AppendLine();
        text.AppendLine("| mutator | inputs | failures | mean CPU ms | max CPU ms | max allocated | clean | suspicious | unknown | dangerous | critical |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in Mutators.Where(m => m.Inputs > 0))
        {
            text.AppendLine($"| {m.Mutator} | {m.Inputs:N0} | {m.Failures:N0} | {m.TotalMilliseconds / m.Inputs:F2} | {m.MaxMilliseconds:N0} | {Mib(m.MaxAllocatedBytes)} | "
                + string.Join(" | ", new[] { Verdict.Clean, Verdict.Suspicious, Verdict.Unknown, Verdict.Dangerous, Verdict.Critical }.Select(v => m.Verdicts.TryGetValue(v, out long n) ? n.ToString("N0") : "0")) + " |");
        }

        text.AppendLine();
        text.AppendLine("slowest inputs:");
        foreach (var r in Slowest)
        {
            text.AppendLine($"  #{r.Index} {r.Milliseconds:N0} ms CPU ({r.WallMilliseconds:N0} ms wall), {Mib(r.AllocatedBytes)}, {r.Length:N0} bytes, {r.Verdict}: {r.Mutator} {r.Origin}: {Shorten(r.Description)}");
        }

        text.AppendLine("most allocating inputs:");
        foreach (var r in MostAllocating)
        {
            text.AppendLine($"  #{r.Index} {Mib(r.AllocatedBytes)}, {r.Milliseconds:N0} ms CPU, {r.Length:N0} bytes, {r.Verdict}: {r.Mutator} {r.Origin}: {Shorten(r.Description)}");
        }

        if (Failures.Count > 0)
        {
            text.AppendLine("failures:");
            foreach (var r in Failures)
            {
                text.AppendLine($"  #{r.Index} {r.Mutator} {r.Origin}: {Shorten(r.Description)}");
                foreach (var v in r.Violations)
                {
                    text.AppendLine($"      {v.Invariant}: {Shorten(v.Message.Split('\n')[0])}");
                }
            }
        }

        return text.ToString();
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:F1} MiB";

    private static string Shorten(string text) => text.Length <= 160 ? text : text.Substring(0, 157) + "...";
}
