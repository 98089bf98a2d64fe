using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PickleBuildGuard.Policy;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Gate;

/// <summary>The state of one gate run: the items judged so far and what they produced.</summary>
internal sealed class GateRun
{
    private readonly GateOptions options;
    private readonly IReadOnlyList<string> extensions;
    private readonly bool sniff;
    private readonly ISharedScanResults? shared;
    private readonly PickleScanner scanner;
    private readonly string fingerprint;
    private readonly List<GateDiagnostic> diagnostics = new();
    private readonly List<FileScanResult> results = new();
    private readonly List<string> modelFiles = new();
    private int scanned;
    private int fromCache;
    private int skipped;
    private bool relabelled;

    public GateRun(ScanPolicy policy, GateOptions options, IReadOnlyList<string> extensions, bool sniff, ISharedScanResults? shared)
    {
        this.options = options;
        this.extensions = extensions;
        this.sniff = sniff;
        this.shared = shared;
        scanner = new PickleScanner(policy);
        fingerprint = PolicyFingerprint.Of(policy);
    }

    /// <summary>Results of earlier builds; set once a replay of the last outcome was ruled out.</summary>
    public ScanCache? Cache { get; set; }

    /// <summary>Cache keys of the files seen in this run; everything else is dropped from the cache.</summary>
    public HashSet<string> UsedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The hash of the policy and engine that every cache key of this run carries.</summary>
    public string Fingerprint => fingerprint;

    /// <summary>Whether a result of this run was not cached (a read failure or scanner error): such a run is not recorded.</summary>
    public bool HadUncachedResult { get; private set; }

    /// <summary>
    /// Whether the item is looked at at all (a model by extension, or any item when sniffing), and if so its cache
    /// key (null when it cannot be stat'ed).
    /// </summary>
    public StampedItem Stamp(BuildItem item)
    {
        bool byExtension = ModelFileExtensions.HasExtension(item.FullPath, extensions);
        bool candidate = byExtension || sniff;
        return new StampedItem(item, candidate, byExtension, candidate ? StampKey(item.FullPath) : null);
    }

    public void Judge(StampedItem stamped)
    {
        var item = stamped.Item;
        bool byExtension = stamped.ByExtension;
        if (!stamped.Candidate)
        {
            return;
        }

        TrustedPins pins;
        try
        {
            pins = TrustedPins.Parse(item.TrustedSha256, item.ItemSpec);
        }
        catch (PolicyException e)
        {
            diagnostics.Add(new GateDiagnostic(DiagnosticLevel.Error, RuleCatalog.InvalidPolicy.Id, item.FullPath, e.Message, RuleCatalog.InvalidPolicy.HelpUri));
            return;
        }

        string? key = stamped.Key;
        if (!byExtension && !LooksLikeModel(item.FullPath, key))
        {
            return;
        }

        modelFiles.Add(item.FullPath);
        if (IsSkipped(item))
        {
            skipped++;
            diagnostics.Add(new GateDiagnostic(DiagnosticLevel.Message, null, item.FullPath, $"{item.ItemSpec}: not scanned (PickleBuildGuardSkip is true)", null));
            return;
        }

        var result = ResultOf(item, key);
        results.Add(result);
        diagnostics.AddRange(DiagnosticMapper.Map(item, result, pins, options));
    }

    /// <summary>Whether a result carries another name than when it was cached (so a report written from the cache is stale).</summary>
    public bool Relabelled => relabelled;

    public GateOutcome Outcome(bool cacheChanged) => new(diagnostics, results, modelFiles, scanned, fromCache, skipped)
    {
        ResultsChanged = cacheChanged || scanned > 0 || relabelled || Cache is null,
    };

    private static bool IsSkipped(BuildItem item) =>
        string.Equals((item.Skip ?? string.Empty).Trim(), "true", StringComparison.OrdinalIgnoreCase);

    // Null when the file cannot be stat'ed: it is then never cached, and the scan reports why it cannot be read.
    private string? StampKey(string fullPath)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                return null;
            }

            string key = ScanCache.KeyOf(info.FullName, info.Length, info.LastWriteTimeUtc, fingerprint);
            UsedKeys.Add(key);
            return key;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private bool LooksLikeModel(string fullPath, string? key)
    {
        if (key is null)
        {
            return false;
        }

        if (Cache is not null && Cache.TryGet(key, out var cached))
        {
            return cached.IsModel;
        }

        bool isModel = PickleScanner.LooksLikeModelFile(fullPath);
        Cache?.Put(key, new CachedScan(isModel, null));
        return isModel;
    }

    private FileScanResult ResultOf(BuildItem item, string? key)
    {
        if (key is not null)
        {
            if (shared is not null && shared.TryGet(key, out var sharedResult))
            {
                fromCache++;
                Cache?.Put(key, new CachedScan(true, sharedResult));
                return Relabel(sharedResult, item.ItemSpec, ref relabelled);
            }

            if (Cache is not null && Cache.TryGet(key, out var cached) && cached.Result is not null)
            {
                fromCache++;
                shared?.Add(key, cached.Result);
                return Relabel(cached.Result, item.ItemSpec, ref relabelled);
            }
        }

        scanned++;
        var result = scanner.ScanFile(item.FullPath, item.ItemSpec);

        // A file that changed while it was scanned is not cached: its stamp may describe other bytes than were read.
        // Nor is a read failure or a scanner error: they may be transient (permissions, a link fixed elsewhere).
        if (key is not null && !IsTransient(result) && key == StampKey(item.FullPath))
        {
            Cache?.Put(key, new CachedScan(true, result));
            shared?.Add(key, result);
        }
        else
        {
            HadUncachedResult = true;
        }

        return result;
    }

    private static bool IsTransient(FileScanResult result) =>
        result.Findings.Any(f => f.RuleId == RuleCatalog.UnreadableFile.Id || f.RuleId == RuleCatalog.InternalError.Id);

    // Another project may have scanned the same file under another relative name.
    private static FileScanResult Relabel(FileScanResult r, string path, ref bool relabelled)
    {
        if (r.Path == path)
        {
            return r;
        }

        relabelled = true;
        return new FileScanResult(path, r.Format, r.Status, r.Verdict, r.Score, r.Sha256, r.Globals, r.Findings, r.Notices, r.BytesScanned, r.OpcodeCount);
    }
}
