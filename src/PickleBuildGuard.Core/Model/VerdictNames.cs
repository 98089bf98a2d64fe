using System;

namespace PickleBuildGuard;

/// <summary>The lower-case names used in reports, CLI options and policy files.</summary>
public static class VerdictNames
{
    public static string ToName(this Verdict verdict) => verdict switch
    {
        Verdict.Clean => "clean",
        Verdict.Suspicious => "suspicious",
        Verdict.Unknown => "unknown",
        Verdict.Dangerous => "dangerous",
        _ => "critical",
    };

    public static string ToName(this ScanStatus status) => status switch
    {
        ScanStatus.Complete => "complete",
        ScanStatus.Inconclusive => "inconclusive",
        _ => "error",
    };

    public static bool TryParse(string? text, out Verdict verdict)
    {
        foreach (Verdict candidate in new[] { Verdict.Clean, Verdict.Suspicious, Verdict.Unknown, Verdict.Dangerous, Verdict.Critical })
        {
            if (string.Equals(candidate.ToName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = Verdict.Clean;
        return false;
    }

    /// <summary>The worse of two verdicts.</summary>
    public static Verdict Max(Verdict a, Verdict b) => a >= b ? a : b;
}
