using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PickleBuildGuard.Json;

namespace PickleBuildGuard.Gate;

/// <summary>
/// Writes a <see cref="FileScanResult"/> to JSON and reads it back exactly, so a build can replay the diagnostics of an
/// unchanged file without scanning it again.
/// </summary>
internal static class ScanResultJson
{
    public static string Write(FileScanResult result)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(new JsonWriter(text, indented: false), result);
        return text.ToString();
    }

    public static void Write(JsonWriter json, FileScanResult result)
    {
        json.StartObject()
            .Property("path", result.Path)
            .Property("format", result.Format)
            .Property("status", result.Status.ToName())
            .Property("verdict", result.Verdict.ToName())
            .Property("score", result.Score)
            .Property("sha256", result.Sha256)
            .Property("bytesScanned", result.BytesScanned)
            .Property("opcodeCount", result.OpcodeCount);
        json.Name("globals").StartArray();
        foreach (string global in result.Globals)
        {
            json.Value(global);
        }

        json.EndArray();
        json.Name("findings").StartArray();
        foreach (var finding in result.Findings)
        {
            json.StartObject()
                .Property("ruleId", finding.RuleId)
                .Property("severity", finding.Severity.ToName())
                .Property("message", finding.Message)
                .Property("callable", finding.Callable)
                .Property("member", finding.Member);
            json.Name("offset");
            if (finding.Offset is { } offset)
            {
                json.Value(offset);
            }
            else
            {
                json.Value((string?)null);
            }

            json.Property("occurrences", finding.Occurrences).EndObject();
        }

        json.EndArray();
        json.Name("notices").StartArray();
        foreach (var notice in result.Notices)
        {
            json.StartObject().Property("code", notice.Code).Property("message", notice.Message).EndObject();
        }

        json.EndArray().EndObject();
    }

    /// <summary>Reads what <see cref="Write(FileScanResult)"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static FileScanResult Read(string text) =>
        Read(JsonReader.Parse(text) as Dictionary<string, object?> ?? throw new FormatException("not a JSON object"));

    /// <summary>Reads a result already parsed as a JSON object.</summary>
    public static FileScanResult Read(Dictionary<string, object?> root)
    {
        var findings = Array(root, "findings").Select(item =>
        {
            var f = item as Dictionary<string, object?> ?? throw new FormatException("finding is not an object");
            return new Finding(
                RequiredString(f, "ruleId"),
                ParseVerdict(RequiredString(f, "severity")),
                RequiredString(f, "message"),
                OptionalString(f, "callable"),
                OptionalString(f, "member"),
                f.TryGetValue("offset", out var offset) && offset is double o ? (long)o : null,
                (int)Number(f, "occurrences"));
        }).ToArray();
        var notices = Array(root, "notices").Select(item =>
        {
            var n = item as Dictionary<string, object?> ?? throw new FormatException("notice is not an object");
            return new Notice(RequiredString(n, "code"), RequiredString(n, "message"));
        }).ToArray();
        return new FileScanResult(
            RequiredString(root, "path"),
            RequiredString(root, "format"),
            ParseStatus(RequiredString(root, "status")),
            ParseVerdict(RequiredString(root, "verdict")),
            (int)Number(root, "score"),
            OptionalString(root, "sha256"),
            Array(root, "globals").Select(g => g as string ?? throw new FormatException("global is not a string")).ToArray(),
            findings,
            notices,
            (long)Number(root, "bytesScanned"),
            (long)Number(root, "opcodeCount"));
    }

    private static Verdict ParseVerdict(string text) =>
        VerdictNames.TryParse(text, out var verdict) ? verdict : throw new FormatException($"unknown verdict '{text}'");

    private static ScanStatus ParseStatus(string text)
    {
        foreach (ScanStatus status in new[] { ScanStatus.Complete, ScanStatus.Inconclusive, ScanStatus.Error })
        {
            if (status.ToName() == text)
            {
                return status;
            }
        }

        throw new FormatException($"unknown status '{text}'");
    }

    private static string RequiredString(Dictionary<string, object?> o, string name) =>
        o.TryGetValue(name, out var v) && v is string s ? s : throw new FormatException($"'{name}' is missing or not a string");

    private static string? OptionalString(Dictionary<string, object?> o, string name) =>
        !o.TryGetValue(name, out var v) || v is null ? null : v as string ?? throw new FormatException($"'{name}' is not a string");

    private static double Number(Dictionary<string, object?> o, string name) =>
        o.TryGetValue(name, out var v) && v is double d ? d : throw new FormatException($"'{name}' is missing or not a number");

    private static List<object?> Array(Dictionary<string, object?> o, string name) =>
        o.TryGetValue(name, out var v) && v is List<object?> list ? list : throw new FormatException($"'{name}' is missing or not an array");
}
