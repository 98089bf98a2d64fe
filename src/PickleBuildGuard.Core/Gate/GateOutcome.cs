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
        int skipped)
    {
        Diagnostics = diagnostics;
        Results = results;
        ModelFiles = modelFiles;
        Scanned = scanned;
        FromCache = fromCache;
        Skipped = skipped;
    }

    public IReadOnlyList<GateDiagnostic> Diagnostics { get; }

    /// <summary>One result per model file, in item order (cached ones included): the content of the SARIF report.</summary>
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

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>One line for the build log: how many files, how they were judged, what came from the cache.</summary>
    public string Summary
    {
        get
        {
            // Counted in an array, not with GroupBy/OrderBy or a dictionary keyed by Verdict: framework generics
            // instantiated over a value type are not in this assembly's ReadyToRun image and would be JIT-compiled on
            // every cold build.
            var counts = new int[(int)Verdict.Critical + 1];
            foreach (var result in Results)
            {
                counts[(int)result.Verdict]++;
            }

            var parts = new List<string>(counts.Length);
            for (int verdict = 0; verdict < counts.Length; verdict++)
            {
                if (counts[verdict] > 0)
                {
                    parts.Add($"{counts[verdict]} {((Verdict)verdict).ToName()}");
                }
            }

            string verdicts = Results.Count == 0 ? string.Empty : ": " + string.Join(", ", parts);
            return $"PickleBuildGuard: {Results.Count} model file(s){verdicts} ({Scanned} scanned, {FromCache} from cache, {Skipped} skipped)";
        }
    }
}
