using System;
using System.Collections.Generic;

namespace PickleBuildGuard.Analysis;

/// <summary>
/// The 0–100 score that accompanies a verdict: 0 clean, 1–40 suspicious, 41–79 dangerous (and unknown, which is
/// never safe to load), 80–100 critical. Within a band, more distinct findings score higher.
/// </summary>
internal static class ScoreCalculator
{
    public static int Score(Verdict verdict, IReadOnlyList<Finding> findings)
    {
        int sameBand = 0;
        foreach (var finding in findings)
        {
            if (finding.Severity == verdict)
            {
                sameBand++;
            }
        }

        int extra = Math.Max(0, sameBand - 1);
        return verdict switch
        {
            Verdict.Clean => 0,
            Verdict.Suspicious => Math.Min(40, 20 + (5 * extra)),
            Verdict.Unknown => Math.Min(79, 50 + (5 * extra)),
            Verdict.Dangerous => Math.Min(79, 60 + (5 * extra)),
            _ => Math.Min(100, 90 + (2 * extra)),
        };
    }
}
