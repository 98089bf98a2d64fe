using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PickleBuildGuard.Json;
using PickleBuildGuard.Rules;

namespace PickleBuildGuard.Reporting;

/// <summary>
/// Writes a <see cref="ScanReport"/> as SARIF 2.1.0, shaped like the logs csc writes (one run, one rule per rule id
/// that occurs, <c>columnKind</c> utf16CodeUnits) so GitHub code scanning, Azure DevOps and the VS SARIF viewer
/// accept it.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public const string SarifVersion = "2.1.0";

    /// <summary>The uriBaseId that relative artifact locations refer to when a base directory is given.</summary>
    public const string SourceRootId = "SRCROOT";

    private const string InformationUri = "https://github.com/picklebuildguard/picklebuildguard";

    private static readonly bool IsWindows = Path.DirectorySeparatorChar == '\\';

    private static readonly StringComparison PathComparison = IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Writes the report. With <paramref name="baseDirectory"/>, files under it get URIs relative to it (forward
    /// slashes, <c>uriBaseId</c> SRCROOT, which is what code scanning uploads need) and relative report paths are
    /// taken as relative to it; other files get absolute <c>file://</c> URIs.
    /// </summary>
    public static void Write(ScanReport report, TextWriter output, string? baseDirectory = null)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        string? baseFull = string.IsNullOrEmpty(baseDirectory) ? null : TrimTrailingSeparators(Path.GetFullPath(baseDirectory));
        var locations = report.Files.Select(f => Locate(f.Path, baseFull)).ToList();
        var rules = report.Files
            .SelectMany(f => f.Findings)
            .Select(f => f.RuleId)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        var ruleIndex = rules.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);

        var json = new JsonWriter(output);
        json.StartObject()
            .Property("$schema", SchemaUri)
            .Property("version", SarifVersion);
        json.Name("runs").StartArray().StartObject();

        WriteTool(json, rules, report);
        WriteInvocation(json, report, locations);
        if (baseFull is not null)
        {
            json.Name("originalUriBaseIds").StartObject()
                .Name(SourceRootId).StartObject()
                .Property("uri", DirectoryUri(baseFull))
                .EndObject()
                .EndObject();
        }

        WriteArtifacts(json, report, locations);
        WriteResults(json, report, locations, ruleIndex);
        json.Property("columnKind", "utf16CodeUnits");

        json.EndObject().EndArray();
        json.EndObject();
        output.Write('\n');
        output.Flush();
    }

    private static void WriteTool(JsonWriter json, IReadOnlyList<string> ruleIds, ScanReport report)
    {
        json.Name("tool").StartObject();
        json.Name("driver").StartObject()
            .Property("name", ScanReport.ToolName)
            .Property("version", ScanReport.ToolVersion)
            .Property("semanticVersion", ScanReport.ToolVersion)
            .Property("informationUri", InformationUri);
        json.Name("rules").StartArray();
        foreach (string id in ruleIds)
        {
            WriteRule(json, id, report);
        }

        json.EndArray();
        json.EndObject();
        json.EndObject();
    }

    private static void WriteRule(JsonWriter json, string id, ScanReport report)
    {
        var rule = RuleCatalog.Find(id);

        // A rule id the catalog does not know (a newer engine, a hand-made report) still gets a usable entry.
        Verdict severity = rule?.Severity ?? report.Files.SelectMany(f => f.Findings).Where(f => f.RuleId == id).Max(f => f.Severity);
        string title = rule?.Title ?? id;
        string description = rule?.Description ?? title;
        string helpUri = JsonReport.HelpUri(id);

        json.StartObject()
            .Property("id", id)
            .Property("name", PascalCase(title));
        json.Name("shortDescription").StartObject().Property("text", title).EndObject();
        json.Name("fullDescription").StartObject().Property("text", description).EndObject();
        json.Property("helpUri", helpUri);
        json.Name("help").StartObject()
            .Property("text", description + " See " + helpUri)
            .Property("markdown", description + " See [" + id + "](" + helpUri + ").")
            .EndObject();
        json.Name("defaultConfiguration").StartObject().Property("level", Level(severity)).EndObject();

        json.Name("properties").StartObject()
            .Property("category", "Security");
        json.Name("tags").StartArray().Value("security");
        if (rule?.Cwe is string cwe)
        {
            // Both spellings: people read "CWE-502", GitHub code scanning links "external/cwe/cwe-502".
            json.Value(cwe).Value("external/cwe/" + cwe.ToLowerInvariant());
        }

        json.EndArray();
        json.Property("security-severity", SecuritySeverity(severity));
        json.EndObject();
        json.EndObject();
    }

    private static void WriteInvocation(JsonWriter json, ScanReport report, IReadOnlyList<(string Uri, string? BaseId)> locations)
    {
        json.Name("invocations").StartArray().StartObject()
            .Property("executionSuccessful", true);

        // Notices are facts about the scan, not findings: SARIF's place for them is the tool's notifications.
        if (report.Files.Any(f => f.Notices.Count > 0))
        {
            json.Name("toolExecutionNotifications").StartArray();
            for (int i = 0; i < report.Files.Count; i++)
            {
                foreach (var notice in report.Files[i].Notices)
                {
                    json.StartObject()
                        .Property("level", "note");
                    json.Name("message").StartObject().Property("text", notice.Message).EndObject();
                    json.Name("descriptor").StartObject().Property("id", notice.Code).EndObject();
                    json.Name("locations").StartArray().StartObject();
                    json.Name("physicalLocation").StartObject();
                    WriteArtifactLocation(json, locations[i], i);
                    json.EndObject();
                    json.EndObject().EndArray();
                    json.EndObject();
                }
            }

            json.EndArray();
        }

        json.EndObject().EndArray();
    }

    private static void WriteArtifacts(JsonWriter json, ScanReport report, IReadOnlyList<(string Uri, string? BaseId)> locations)
    {
        json.Name("artifacts").StartArray();
        for (int i = 0; i < report.Files.Count; i++)
        {
            var file = report.Files[i];
            json.StartObject();
            json.Name("location").StartObject().Property("uri", locations[i].Uri);
            if (locations[i].BaseId is string baseId)
            {
                json.Property("uriBaseId", baseId);
            }

            json.EndObject();
            if (file.Sha256 is string sha256)
            {
                json.Name("hashes").StartObject().Property("sha-256", sha256).EndObject();
            }

            // Clean files have no results; their verdict still belongs in the log.
            json.Name("properties").StartObject()
                .Property("path", file.Path)
                .Property("format", file.Format)
                .Property("status", file.Status.ToName())
                .Property("verdict", file.Verdict.ToName())
                .Property("score", file.Score)
                .Property("safeToLoad", file.SafeToLoad)
                .EndObject();
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteResults(
        JsonWriter json,
        ScanReport report,
        IReadOnlyList<(string Uri, string? BaseId)> locations,
        IReadOnlyDictionary<string, int> ruleIndex)
    {
        json.Name("results").StartArray();
        for (int i = 0; i < report.Files.Count; i++)
        {
            foreach (var finding in report.Files[i].Findings)
            {
                json.StartObject()
                    .Property("ruleId", finding.RuleId)
                    .Property("ruleIndex", ruleIndex[finding.RuleId])
                    .Property("level", Level(finding.Severity));
                json.Name("message").StartObject().Property("text", MessageText(finding)).EndObject();

                json.Name("locations").StartArray().StartObject();
                json.Name("physicalLocation").StartObject();
                WriteArtifactLocation(json, locations[i], i);

                // Viewers and code scanning need a region; a binary file has no lines, so every result is at 1:1.
                json.Name("region").StartObject()
                    .Property("startLine", 1)
                    .Property("startColumn", 1);
                if (finding.Member is null && finding.Offset is long fileOffset)
                {
                    // Only for a bare file is the offset in the pickle stream also an offset in the artifact.
                    json.Property("byteOffset", fileOffset);
                }

                json.EndObject();
                json.EndObject();
                json.EndObject().EndArray();

                json.Name("properties").StartObject()
                    .Property("verdict", finding.Severity.ToName());
                FindingProperties.WriteOptional(json, finding);

                json.EndObject();
                json.EndObject();
            }
        }

        json.EndArray();
    }

    private static void WriteArtifactLocation(JsonWriter json, (string Uri, string? BaseId) location, int artifactIndex)
    {
        json.Name("artifactLocation").StartObject().Property("uri", location.Uri);
        if (location.BaseId is string baseId)
        {
            json.Property("uriBaseId", baseId);
        }

        json.Property("index", artifactIndex);
        json.EndObject();
    }

    /// <summary>The finding's message plus what a SARIF viewer would not show otherwise: callable, member, offset.</summary>
    internal static string MessageText(Finding finding)
    {
        var details = new List<string>();
        if (finding.Callable is not null && finding.Message.IndexOf(finding.Callable, StringComparison.Ordinal) < 0)
        {
            details.Add("callable " + finding.Callable);
        }

        if (finding.Member is not null)
        {
            details.Add("in " + finding.Member);
        }

        if (finding.Offset is long offset)
        {
            details.Add("at offset " + offset.ToString(CultureInfo.InvariantCulture));
        }

        if (finding.Occurrences > 1)
        {
            details.Add(finding.Occurrences.ToString(CultureInfo.InvariantCulture) + " occurrences");
        }

        return details.Count == 0 ? finding.Message : finding.Message + " (" + string.Join(", ", details) + ")";
    }

    internal static string Level(Verdict severity) => severity switch
    {
        Verdict.Clean => "note",
        Verdict.Suspicious => "warning",
        _ => "error",
    };

    /// <summary>GitHub code scanning's 0-10 scale: 9+ critical, 7-8.9 high, 4-6.9 medium.</summary>
    private static string SecuritySeverity(Verdict severity) => severity switch
    {
        Verdict.Critical => "9.8",
        Verdict.Dangerous => "8.1",
        Verdict.Unknown => "7.0",
        Verdict.Suspicious => "5.0",
        _ => "0.0",
    };

    /// <summary>"Dangerous callable invoked on load" becomes "DangerousCallableInvokedOnLoad".</summary>
    internal static string PascalCase(string title)
    {
        var builder = new StringBuilder(title.Length);
        bool startOfWord = true;
        foreach (char c in title)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        return builder.ToString();
    }

    private static (string Uri, string? BaseId) Locate(string path, string? baseFull)
    {
        string? full = TryGetFullPath(baseFull is null ? path : CombineOrNull(baseFull, path));
        if (full is null)
        {
            // Not a file system path (a stream label such as "<stream>"): keep it as a relative reference.
            return (EscapePath(path.Replace('\\', '/')), null);
        }

        if (baseFull is not null && RelativeTo(baseFull, full) is string relative)
        {
            return (EscapePath(relative), SourceRootId);
        }

        return (FileUri(full), null);
    }

    private static string? CombineOrNull(string baseFull, string path)
    {
        try
        {
            return Path.Combine(baseFull, path);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? TryGetFullPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return null;
        }
    }

    /// <summary>The path of <paramref name="full"/> below <paramref name="baseFull"/> with '/' separators, or null when it is not below it.</summary>
    private static string? RelativeTo(string baseFull, string full)
    {
        string prefix = IsSeparator(baseFull[baseFull.Length - 1]) ? baseFull : baseFull + Path.DirectorySeparatorChar;
        if (full.Length <= prefix.Length || !full.StartsWith(prefix, PathComparison))
        {
            return null;
        }

        return ToForwardSlashes(full.Substring(prefix.Length));
    }

    /// <summary>An absolute <c>file://</c> URI: <c>/a b/c</c> → <c>file:///a%20b/c</c>, <c>C:\x</c> → <c>file:///C:/x</c>, <c>\\srv\share</c> → <c>file://srv/share</c>.</summary>
    private static string FileUri(string full)
    {
        string path = ToForwardSlashes(full);
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            return "file:" + EscapePath(path);
        }

        return path.StartsWith("/", StringComparison.Ordinal) ? "file://" + EscapePath(path) : "file:///" + EscapePath(path);
    }

    /// <summary>A base URI must end with '/' or the last segment would be replaced when a relative URI is resolved against it.</summary>
    private static string DirectoryUri(string full)
    {
        string uri = FileUri(full);
        return uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";
    }

    /// <summary>Percent-encodes each segment (spaces, '#', '%', non-ASCII…), keeping '/' and a drive letter's ':'.</summary>
    private static string EscapePath(string path)
    {
        var segments = path.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            bool isDrive = i == 0 && segments[i].Length == 2 && segments[i][1] == ':' && char.IsLetter(segments[i][0]);
            if (!isDrive && segments[i].Length > 0)
            {
                segments[i] = Uri.EscapeDataString(segments[i]);
            }
        }

        return string.Join("/", segments);
    }

    private static string ToForwardSlashes(string path) => IsWindows ? path.Replace('\\', '/') : path;

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;

    private static string TrimTrailingSeparators(string path)
    {
        int end = path.Length;
        while (end > 1 && IsSeparator(path[end - 1]) && !(end == 3 && path[1] == ':'))
        {
            end--;
        }

        return path.Substring(0, end);
    }
}
