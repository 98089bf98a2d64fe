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
    private const string FormatTag = "PickleBuildGuard.cache/2";
    private readonly Dictionary<string, string> payloads = new(StringComparer.Ordinal);
    private readonly HMACSHA256 hmac;

    private ScanCache(byte[] macKey) => hmac = new HMACSHA256(macKey);

    /// <summary>Entries that were present but failed their MAC or did not parse.</summary>
    public int Rejected { get; private set; }

    public bool Changed { get; private set; }

    public static ScanCache Empty(byte[] macKey) => new(macKey);

    /// <summary>Reads a cache file; a missing, unreadable or corrupt file gives an empty cache, never an exception.</summary>
    public static ScanCache Load(string path, byte[] macKey)
    {
        var cache = new ScanCache(macKey);
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return cache;
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return cache;
        }

        try
        {
            if (JsonReader.Parse(text) is not Dictionary<string, object?> root
                || !root.TryGetValue("format", out var format) || format as string != FormatTag
                || !root.TryGetValue("entries", out var entries) || entries is not List<object?> list)
            {
                cache.Rejected++;
                return cache;
            }

            foreach (var item in list)
            {
                if (item is Dictionary<string, object?> entry
                    && entry.TryGetValue("key", out var key) && key is string keyText
                    && entry.TryGetValue("payload", out var payload) && payload is string payloadText
                    && entry.TryGetValue("mac", out var mac) && mac is string macText
                    && FixedTimeEquals(macText, cache.Mac(keyText, payloadText)))
                {
                    cache.payloads[keyText] = payloadText;
                }
                else
                {
                    cache.Rejected++;
                }
            }
        }
        catch (FormatException)
        {
            cache.Rejected++;
        }

        return cache;
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

    public void Put(string key, CachedScan entry)
    {
        string payload = entry.ToPayload();
        if (!payloads.TryGetValue(key, out var old) || old != payload)
        {
            payloads[key] = payload;
            Changed = true;
        }
    }

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

    /// <summary>Writes the cache atomically (temporary file, then rename); failures are ignored.</summary>
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
                var json = new JsonWriter(writer, indented: false);
                json.StartObject().Property("format", FormatTag).Name("entries").StartArray();
                foreach (var pair in payloads)
                {
                    json.StartObject()
                        .Property("key", pair.Key)
                        .Property("mac", Mac(pair.Key, pair.Value))
                        .Property("payload", pair.Value)
                        .EndObject();
                }

                json.EndArray().EndObject();
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

    private static bool FixedTimeEquals(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        int difference = 0;
        for (int i = 0; i < a.Length; i++)
        {
            difference |= a[i] ^ b[i];
        }

        return difference == 0;
    }

    public void Dispose() => hmac.Dispose();

    private string Mac(string key, string payload) => Hex.Of(hmac.ComputeHash(Encoding.UTF8.GetBytes(key + "\n" + payload)));
}
