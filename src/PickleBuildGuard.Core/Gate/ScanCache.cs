using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using PickleBuildGuard.Json;

namespace PickleBuildGuard.Gate;

/// <summary>
/// The results of earlier builds, kept in obj/ so an unchanged file (same path, size, timestamp, policy and engine) is
/// not scanned again but its diagnostics are still logged. Every entry carries an HMAC under a key kept outside the
/// repository (<see cref="CacheKeyStore"/>): a corrupt, edited or planted entry fails verification and the file is
/// scanned again. The cache is an optimisation only; any problem reading or writing it means "scan".
/// </summary>
internal sealed class ScanCache : IDisposable
{
    private const string FormatTag = "PickleBuildGuard.cache/3";

    // A cache is a few hundred bytes per model file; anything far larger is not ours and not worth reading.
    private const long MaxFileBytes = 256L * 1024 * 1024;

    private const int MacLength = 64;
    private readonly Dictionary<string, string> payloads = new(StringComparer.Ordinal);
    private readonly HMACSHA256 hmac;
    private byte[] macInput = new byte[4096];

    private ScanCache(byte[] macKey) => hmac = new HMACSHA256(macKey);

    /// <summary>Entries that were present but failed their MAC or did not parse.</summary>
    public int Rejected { get; private set; }

    public bool Changed { get; private set; }

    public static ScanCache Empty(byte[] macKey) => new(macKey);

    /// <summary>Reads a cache file; a missing, unreadable or corrupt file gives an empty cache, never an exception.</summary>
    public static ScanCache Load(string path, byte[] macKey)
    {
        var cache = new ScanCache(macKey);
        try
        {
            using var reader = OpenEntries(path, out bool foreign);
            if (reader is null)
            {
                if (foreign)
                {
                    cache.Rejected++;
                }

                return cache;
            }

            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                if (cache.TryReadEntry(line, out var key, out var payload))
                {
                    cache.payloads[key] = payload;
                }
                else
                {
                    cache.Rejected++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Whatever was read and verified stays usable; the rest is scanned again.
        }

        return cache;
    }

    // A reader at the first entry line, or null: no file (not foreign), or one too large or of another format (foreign).
    // Line by line rather than one string: the whole file would be a large-object allocation, which in MSBuild's big
    // heap can set off a full collection that costs more than the rest of the no-op build.
    private static StreamReader? OpenEntries(string path, out bool foreign)
    {
        var file = new FileInfo(path);
        foreign = file.Exists && file.Length > MaxFileBytes;
        if (!file.Exists || foreign)
        {
            return null;
        }

        var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        try
        {
            if (reader.ReadLine() == FormatTag)
            {
                return reader;
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        reader.Dispose();
        foreign = true;
        return null;
    }

    /// <summary>The key of one file's entry: everything whose change must cause a rescan.</summary>
    public static string KeyOf(string fullPath, long length, DateTime lastWriteUtc, string fingerprint) =>
        string.Join("|", fullPath, length.ToString(CultureInfo.InvariantCulture), lastWriteUtc.Ticks.ToString(CultureInfo.InvariantCulture), fingerprint);

    public bool TryGet(string key, out CachedScan entry)
    {
        entry = default;
        if (!payloads.TryGetValue(key, out var payload))
        {
            return false;
        }

        try
        {
            entry = CachedScan.FromPayload(payload);
            return true;
        }
        catch (FormatException)
        {
            payloads.Remove(key);
            Rejected++;
            return false;
        }
    }

    public void Put(string key, CachedScan entry) => PutPayload(key, entry.ToPayload());

    private void PutPayload(string key, string payload)
    {
        if (!payloads.TryGetValue(key, out var old) || old != payload)
        {
            payloads[key] = payload;
            Changed = true;
        }
    }

    /// <summary>
    /// Reads only the first entry of a cache file, where <see cref="Save"/> puts the recorded outcome of the last run,
    /// and returns it if it is authentic and its input digest is <paramref name="digest"/>.
    /// </summary>
    public static bool TryReadRecordedOutcome(string path, byte[] macKey, string digest, out RecordedOutcome outcome)
    {
        outcome = null!;
        using var cache = new ScanCache(macKey);
        try
        {
            using var reader = OpenEntries(path, out _);
            if (reader?.ReadLine() is not { } line || !cache.TryReadEntry(line, out var key, out var payload) || key != RecordedOutcome.CacheKey)
            {
                return false;
            }

            outcome = RecordedOutcome.FromPayload(payload);
            return outcome.InputDigest == digest;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or FormatException)
        {
            return false;
        }
    }

    public void PutRecordedOutcome(RecordedOutcome outcome) => PutPayload(RecordedOutcome.CacheKey, outcome.ToPayload());

    /// <summary>Keeps only the given keys (files no longer in the project, or changed, drop out).</summary>
    public void Retain(ICollection<string> keys)
    {
        var stale = new List<string>();
        foreach (var key in payloads.Keys)
        {
            if (!keys.Contains(key))
            {
                stale.Add(key);
            }
        }

        foreach (var key in stale)
        {
            payloads.Remove(key);
            Changed = true;
        }
    }

    /// <summary>
    /// Writes the cache atomically (temporary file, then rename); failures are ignored. The recorded outcome comes
    /// first, so a no-op build reads one line.
    /// </summary>
    public void Save(string path)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            string? directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
            {
                writer.Write(FormatTag);
                writer.Write('\n');
                if (payloads.TryGetValue(RecordedOutcome.CacheKey, out var outcome))
                {
                    WriteEntry(writer, RecordedOutcome.CacheKey, outcome);
                }

                foreach (var pair in payloads)
                {
                    if (pair.Key != RecordedOutcome.CacheKey)
                    {
                        WriteEntry(writer, pair.Key, pair.Value);
                    }
                }
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            TryDelete(temporary);
        }
    }

    private void WriteEntry(TextWriter writer, string key, string payload)
    {
        writer.Write(Mac(key, payload));
        writer.Write('\t');
        new JsonWriter(writer, indented: false).Value(key);
        writer.Write('\t');
        writer.Write(payload);
        writer.Write('\n');
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless.
        }
    }

    // One entry per line: MAC, TAB, the key as a JSON string, TAB, the payload (compact JSON). Neither JSON text can hold
    // a raw TAB or line break (the writer escapes control characters), so the separators are unambiguous and the
    // payload is kept as written, without a second level of escaping to undo on every build. Each line stands alone:
    // a damaged or cut line costs only its own file a rescan.
    private bool TryReadEntry(string line, out string key, out string payload)
    {
        key = payload = string.Empty;
        int keyStart = MacLength + 1;
        if (line.Length <= keyStart || line[MacLength] != '\t')
        {
            return false;
        }

        int payloadStart = line.IndexOf('\t', keyStart) + 1;
        if (payloadStart <= 0)
        {
            return false;
        }

        try
        {
            if (JsonReader.Parse(line.Substring(keyStart, payloadStart - 1 - keyStart)) is not string parsedKey)
            {
                return false;
            }

            key = parsedKey;
        }
        catch (FormatException)
        {
            return false;
        }

        payload = line.Substring(payloadStart);
        return FixedTimeEquals(line, Mac(key, payload));
    }

    // Compares the MAC at the start of the line with the expected one without an early exit.
    private static bool FixedTimeEquals(string line, string expected)
    {
        int difference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            difference |= line[i] ^ expected[i];
        }

        return difference == 0;
    }

    public void Dispose() => hmac.Dispose();

    // HMAC over the UTF-8 of key, newline, payload; one buffer reused for every entry.
    private string Mac(string key, string payload)
    {
        int most = Encoding.UTF8.GetMaxByteCount(key.Length + 1 + payload.Length);
        if (macInput.Length < most)
        {
            macInput = new byte[most];
        }

        int length = Encoding.UTF8.GetBytes(key, 0, key.Length, macInput, 0);
        macInput[length++] = (byte)'\n';
        length += Encoding.UTF8.GetBytes(payload, 0, payload.Length, macInput, length);
        return Hex.Of(hmac.ComputeHash(macInput, 0, length));
    }
}
