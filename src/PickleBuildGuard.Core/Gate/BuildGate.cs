using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PickleBuildGuard.Policy;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Gate;

/// <summary>
/// The build's guard, independent of MSBuild: picks the model files among a project's items (by extension, or by
/// content when sniffing), scans each (or reuses an authenticated cached result for an unchanged file), applies
/// trusted-hash pins and skips, and turns findings into errors, warnings and messages per <see cref="GateOptions"/>.
/// The MSBuild task only maps items and properties onto this and logs what comes back.
/// </summary>
public static class BuildGate
{
    private static readonly StringComparer PathComparer =
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs the gate. <paramref name="cacheFile"/> (null: no cache) persists results between builds under
    /// <paramref name="cacheKey"/> (null: the per-user key of <see cref="CacheKeyStore"/>). Never throws for bad input
    /// or unreadable files: those become diagnostics. <paramref name="projectFile"/> is where policy errors point.
    /// With <paramref name="allowReplay"/>, a run whose inputs are exactly those of the last recorded run returns that
    /// run's outcome without reading per-file results (<see cref="GateOutcome.Replayed"/>, no
    /// <see cref="GateOutcome.Results"/>): for callers that need the diagnostics only.
    /// </summary>
    public static GateOutcome Run(
        IEnumerable<BuildItem> items,
        GateProperties properties,
        string? projectFile = null,
        string? cacheFile = null,
        byte[]? cacheKey = null,
        ISharedScanResults? shared = null,
        bool allowReplay = false)
    {
        if (items is null)
        {
            throw new ArgumentNullException(nameof(items));
        }

        if (properties is null)
        {
            throw new ArgumentNullException(nameof(properties));
        }

        ScanPolicy policy;
        GateOptions options;
        IReadOnlyList<string> extensions;
        bool sniff;
        try
        {
            policy = string.IsNullOrWhiteSpace(properties.PolicyFile) ? ScanPolicy.Default : ScanPolicy.Load(properties.PolicyFile!.Trim());
            policy = policy.With(ScanPolicy.SplitList(properties.AllowedGlobals), ScanPolicy.SplitList(properties.BlockedGlobals));
            options = GateOptions.Parse(properties.FailOn, properties.WarnOn, properties.OnIncomplete);
            extensions = string.IsNullOrWhiteSpace(properties.Extensions) ? ModelFileExtensions.BuildDefault : ModelFileExtensions.ParseList(properties.Extensions);
            sniff = ParseBool("PickleBuildGuardSniffContent", properties.SniffContent, true);
        }
        catch (PolicyException e)
        {
            return PolicyFailure(e.Message, properties.PolicyFile is { Length: > 0 } file && e.Message.Contains(file) ? file : projectFile);
        }

        using var gateLock = cacheFile is null ? null : CacheLock.Acquire(cacheFile + ".lock", LockTimeout);
        var run = new GateRun(policy, options, extensions, sniff, shared);
        var stamped = new List<StampedItem>();
        foreach (var item in items.Where(i => i is not null && !string.IsNullOrEmpty(i.FullPath)).GroupBy(i => i.FullPath, PathComparer).Select(g => g.First()))
        {
            stamped.Add(run.Stamp(item));
        }

        byte[]? macKey = cacheFile is null ? null : cacheKey ?? CacheKeyStore.GetOrCreate(CacheKeyStore.DefaultPath);
        string? digest = cacheFile is null ? null : RecordedOutcome.DigestOf(properties, run.Fingerprint, stamped);

        // Only the cache's first entry is read for a replay; the per-file entries only when something changed.
        if (allowReplay && digest is not null && ScanCache.TryReadRecordedOutcome(cacheFile!, macKey!, digest, out var recorded))
        {
            return recorded.Replay();
        }

        using var cache = cacheFile is null ? null : ScanCache.Load(cacheFile, macKey!);
        run.Cache = cache;
        foreach (var item in stamped)
        {
            run.Judge(item);
        }

        bool cacheChanged = false;
        if (cache is not null && cacheFile is not null)
        {
            if (digest is not null && !run.HadUncachedResult)
            {
                cache.PutRecordedOutcome(RecordedOutcome.Of(digest, run.Outcome(false)));
                run.UsedKeys.Add(RecordedOutcome.CacheKey);
            }

            cache.Retain(run.UsedKeys);
            cacheChanged = cache.Changed || cache.Rejected > 0;
            if (cacheChanged)
            {
                cache.Save(cacheFile);
            }
        }

        return run.Outcome(cacheChanged);
    }

    internal static bool ParseBool(string property, string? text, bool fallback)
    {
        string value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            return fallback;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new PolicyException($"{property} is '{value}'; expected true or false");
    }

    private static GateOutcome PolicyFailure(string message, string? file) => new(
        new[] { new GateDiagnostic(DiagnosticLevel.Error, RuleCatalog.InvalidPolicy.Id, file, message + "; no model file was scanned", RuleCatalog.InvalidPolicy.HelpUri) },
        Array.Empty<FileScanResult>(),
        Array.Empty<string>(),
        0,
        0,
        0);
}
