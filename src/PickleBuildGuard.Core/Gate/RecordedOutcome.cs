using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PickleBuildGuard.Json;

namespace PickleBuildGuard.Gate;

/// <summary>
/// The outcome of a whole gate run, kept in the cache beside the per-file entries together with a digest of every
/// input that can change it (each item's name, full path, size, timestamp and metadata; the policy fingerprint; the
/// raw properties). A no-op build whose inputs digest the same replays these diagnostics without reading any per-file
/// result: that is what keeps an unchanged build's scan in the tens of milliseconds, most of it process start-up.
/// </summary>
internal sealed class RecordedOutcome
{
    /// <summary>The cache key under which the outcome is kept (never a file's key: those hold a full path).</summary>
    public const string CacheKey = "outcome";

    private RecordedOutcome(string inputDigest, IReadOnlyList<GateDiagnostic> diagnostics, IReadOnlyList<string> modelFiles, int[] verdictCounts, int skipped)
    {
        InputDigest = inputDigest;
        Diagnostics = diagnostics;
        ModelFiles = modelFiles;
        VerdictCounts = verdictCounts;
        Skipped = skipped;
    }

    public string InputDigest { get; }

    public IReadOnlyList<GateDiagnostic> Diagnostics { get; }

    public IReadOnlyList<string> ModelFiles { get; }

    public int[] VerdictCounts { get; }

    public int Skipped { get; }

    /// <summary>
    /// The digest of a run's inputs, or null when one item cannot be stamped (missing, unreadable): such a run is never
    /// replayed, since the file may appear or become readable without any other change.
    /// </summary>
    public static string? DigestOf(GateProperties properties, string fingerprint, IReadOnlyList<StampedItem> items)
    {
        using var digest = new InputDigest();
        digest.Field(fingerprint);
        digest.Field(properties.PolicyFile);
        digest.Field(properties.AllowedGlobals);
        digest.Field(properties.BlockedGlobals);
        digest.Field(properties.FailOn);
        digest.Field(properties.WarnOn);
        digest.Field(properties.OnIncomplete);
        digest.Field(properties.Extensions);
        digest.Field(properties.SniffContent);
        foreach (var stamped in items)
        {
            if (stamped.Candidate && stamped.Key is null)
            {
                return null;
            }

            digest.Field(stamped.Item.ItemSpec);
            digest.Field(stamped.Item.FullPath);
            digest.Field(stamped.Key);
            digest.Field(stamped.Item.TrustedSha256);
            digest.Field(stamped.Item.Skip);
        }

        return digest.Finish();
    }

    public static RecordedOutcome Of(string inputDigest, GateOutcome outcome) =>
        new(inputDigest, outcome.Diagnostics, outcome.ModelFiles, outcome.VerdictCounts, outcome.Skipped);

    /// <summary>The outcome as the gate returns it: nothing scanned, every model file's result from the cache.</summary>
    public GateOutcome Replay()
    {
        int results = 0;
        foreach (int count in VerdictCounts)
        {
            results += count;
        }

        return new GateOutcome(Diagnostics, Array.Empty<FileScanResult>(), ModelFiles, 0, results, Skipped, VerdictCounts)
        {
            ResultsChanged = false,
            Replayed = true,
        };
    }

    public string ToPayload()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var json = new JsonWriter(text, indented: false);
        json.StartObject().Property("digest", InputDigest).Property("skipped", Skipped);
        json.Name("verdicts").StartArray();
        foreach (int count in VerdictCounts)
        {
            json.Value(count);
        }

        json.EndArray().Name("modelFiles").StartArray();
        foreach (string file in ModelFiles)
        {
            json.Value(file);
        }

        json.EndArray().Name("diagnostics").StartArray();
        foreach (var diagnostic in Diagnostics)
        {
            json.StartObject()
                .Property("level", (long)diagnostic.Level)
                .Property("code", diagnostic.Code)
                .Property("file", diagnostic.File)
                .Property("message", diagnostic.Message)
                .Property("helpLink", diagnostic.HelpLink)
                .EndObject();
        }

        json.EndArray().EndObject();
        return text.ToString();
    }

    /// <exception cref="FormatException">The payload is not a recorded outcome.</exception>
    public static RecordedOutcome FromPayload(string payload)
    {
        if (JsonReader.Parse(payload) is not Dictionary<string, object?> root)
        {
            throw new FormatException("not a recorded outcome");
        }

        var verdicts = ListOf(root, "verdicts");
        var counts = new int[(int)Verdict.Critical + 1];
        if (verdicts.Count != counts.Length)
        {
            throw new FormatException("wrong number of verdict counts");
        }

        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Count(verdicts[i]);
        }

        var modelFiles = new List<string>();
        foreach (var file in ListOf(root, "modelFiles"))
        {
            modelFiles.Add(file as string ?? throw new FormatException("model file is not a string"));
        }

        var diagnostics = new List<GateDiagnostic>();
        foreach (var value in ListOf(root, "diagnostics"))
        {
            if (value is not Dictionary<string, object?> entry)
            {
                throw new FormatException("diagnostic is not an object");
            }

            int level = Count(entry.TryGetValue("level", out var l) ? l : null);
            if (level > (int)DiagnosticLevel.Error)
            {
                throw new FormatException("unknown diagnostic level");
            }

            diagnostics.Add(new GateDiagnostic(
                (DiagnosticLevel)level,
                OptionalString(entry, "code"),
                OptionalString(entry, "file"),
                OptionalString(entry, "message") ?? throw new FormatException("diagnostic without a message"),
                OptionalString(entry, "helpLink")));
        }

        return new RecordedOutcome(
            root.TryGetValue("digest", out var digest) && digest is string d ? d : throw new FormatException("no digest"),
            diagnostics,
            modelFiles,
            counts,
            Count(root.TryGetValue("skipped", out var skipped) ? skipped : null));
    }

    private static List<object?> ListOf(Dictionary<string, object?> root, string name) =>
        root.TryGetValue(name, out var value) && value is List<object?> list ? list : throw new FormatException($"no {name}");

    private static int Count(object? value) =>
        value is double number && number >= 0 && number <= int.MaxValue && number == Math.Floor(number)
            ? (int)number
            : throw new FormatException("not a count");

    private static string? OptionalString(Dictionary<string, object?> entry, string name) =>
        entry.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            string text => text,
            _ => throw new FormatException($"{name} is not a string"),
        } : null;
}
