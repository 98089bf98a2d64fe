using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PickleBuildGuard.Json;

namespace PickleBuildGuard.Gate;

/// <summary>What the gate remembers about one file version: whether its content looked like a model, and its result.</summary>
internal readonly struct CachedScan
{
    public CachedScan(bool isModel, FileScanResult? result)
    {
        IsModel = isModel;
        Result = result;
    }

    /// <summary>For files selected by content sniffing: whether the first bytes say pickle or model container.</summary>
    public bool IsModel { get; }

    /// <summary>The scan result, when the file was scanned.</summary>
    public FileScanResult? Result { get; }

    public string ToPayload()
    {
        // Compact, with the result as a nested object (not a string of JSON): the cache is parsed on every build.
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var json = new JsonWriter(text, indented: false);
        json.StartObject().Property("model", IsModel).Name("result");
        if (Result is null)
        {
            json.Value((string?)null);
        }
        else
        {
            ScanResultJson.Write(json, Result);
        }

        json.EndObject();
        return text.ToString();
    }

    public static CachedScan FromPayload(string payload)
    {
        if (JsonReader.Parse(payload) is not Dictionary<string, object?> root
            || !root.TryGetValue("model", out var model) || model is not bool isModel
            || !root.TryGetValue("result", out var result))
        {
            throw new FormatException("not a cache entry");
        }

        return new CachedScan(isModel, result switch
        {
            null => null,
            Dictionary<string, object?> json => ScanResultJson.Read(json),
            _ => throw new FormatException("result is not an object"),
        });
    }
}
