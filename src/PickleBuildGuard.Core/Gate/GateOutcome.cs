using System.Collections.Generic;
using System.Linq;

namespace PickleBuildGuard.Gate;

/// <summary>What one run of the gate decided: the diagnostics to log, the results for the report, the counts.</summary>
public sealed class GateOutcome
{
    internal GateOutcome(
        IReadOnlyList<GateDiagnostic> diagnostics,
        IReadOnlyList<FileScanResult> results,
        IReadOnlyList<string> modelFiles,
        int scanned,
        int fromCache,
        int skipped,
        int[]? verdictCounts = null)
    {
        Diagnostics = diagnostics;
        Results = results;
        ModelFiles = modelFiles;
        Scanned = scanned;
        FromCache = fromCache;
        Skipped = skipped;
        VerdictCounts = verdictCounts ?? CountVerdicts(results);
    }

    public IReadOnlyList<GateDiagnostic> Diagnostics { get; }

    /// <summary>
    /// One result per model file, in item order (cached ones included): the content of the SARIF report. Empty when
    /// the outcome was <see cref="Replayed"/>.
    /// </summary>
    public IReadOnlyList<FileScanResult> Results { get; }

    /// <summary>Full paths of the files judged to be models (by extension or content), skipped ones included.</summary>
    public IReadOnlyList<string> ModelFiles { get; }

    /// <summary>Files scanned in this run.</summary>
    public int Scanned { get; }

    /// <summary>Files whose result came from the cache (this build's or an earlier one's).</summary>
    public int FromCache { get; }

    public int Skipped { get; }

    /// <summary>
    /// False when every result came unchanged from the cache under the same names: a report written from the same
    /// results after the cache was last saved is still exact and need not be written again.
    /// </summary>
    public bool ResultsChanged { get; init; } = true;

    /// <summary>
    /// True when nothing changed since the run that recorded this outcome (same items, stamps, metadata, policy), so
    /// its diagnostics were replayed without reading any per-file result; <see cref="Results"/> is then empty.
    /// </summary>
    public bool Replayed { get; init; }

    /// <summary>How many model files got each verdict, indexed by <see cref="Verdict"/>.</summary>
    internal int[] VerdictCounts { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>One line for the build log: how many files, how they were judged, what came from the cache.</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>(VerdictCounts.Length);
            int total = 0;
            for (int verdict = 0; verdict < VerdictCounts.Length; verdict++)
            {
                total += VerdictCounts[verdict];
                if (VerdictCounts[verdict] > 0)
                {
                    parts.Add($"{VerdictCounts[verdict]} {((Verdict)verdict).ToName()}");
                }
            }

            string verdicts = total == 0 ? string.Empty : ": " + string.Join(", ", parts);
            return $"PickleBuildGuard: {total} model file(s){verdicts} ({Scanned} scanned, {FromCache} from cache, {Skipped} skipped)";
        }
    }

    // An array indexed by verdict, not GroupBy/OrderBy or a dictionary keyed by Verdict: framework generics instantiated
    // over a value type are not in this assembly's ReadyToRun image and would be JIT-compiled on every cold build.
    private static int[] CountVerdicts(IReadOnlyList<FileScanResult> results)
    {
        var counts = new int[(int)Verdict.Critical + 1];
        foreach (var result in results)
        {
            counts[(int)result.Verdict]++;
        }

        return counts;
    }
}
