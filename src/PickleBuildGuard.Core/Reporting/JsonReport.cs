using System;
using System.IO;
using PickleBuildGuard.Json;
using PickleBuildGuard.Rules;

namespace PickleBuildGuard.Reporting;

/// <summary>
/// Writes a <see cref="ScanReport"/> as the JSON document of the CLI contract (<c>pickleguard scan --format json</c>):
/// <c>tool</c>, the overall <c>verdict</c>, and one entry per file with its findings and notices.
/// </summary>
public static class JsonReport
{
    public static void Write(ScanReport report, TextWriter output)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        var json = new JsonWriter(output);
        json.StartObject();
        json.Name("tool").StartObject()
            .Property("name", ScanReport.ToolName)
            .Property("version", ScanReport.ToolVersion)
            .EndObject();
        json.Property("verdict", report.Verdict.ToName());
        json.Name("files").StartArray();
        foreach (var file in report.Files)
        {
            WriteFile(json, file);
        }

        json.EndArray();
        json.EndObject();
        output.Write('\n');
        output.Flush();
    }

    private static void WriteFile(JsonWriter json, FileScanResult file)
    {
        json.StartObject()
            .Property("path", file.Path)
            .Property("format", file.Format)
            .Property("status", file.Status.ToName())
            .Property("verdict", file.Verdict.ToName())
            .Property("score", file.Score)
            .Property("safeToLoad", file.SafeToLoad)
            .Property("sha256", file.Sha256)
            .Property("bytesScanned", file.BytesScanned)
            .Property("opcodes", file.OpcodeCount);

        json.Name("globals").StartArray();
        foreach (string global in file.Globals)
        {
            json.Value(global);
        }

        json.EndArray();

        json.Name("findings").StartArray();
        foreach (var finding in file.Findings)
        {
            WriteFinding(json, finding);
        }

        json.EndArray();

        json.Name("notices").StartArray();
        foreach (var notice in file.Notices)
        {
            json.StartObject()
                .Property("code", notice.Code)
                .Property("message", notice.Message)
                .EndObject();
        }

        json.EndArray();
        json.EndObject();
    }

    private static void WriteFinding(JsonWriter json, Finding finding)
    {
        json.StartObject()
            .Property("ruleId", finding.RuleId)
            .Property("severity", finding.Severity.ToName())
            .Property("message", finding.Message);

        FindingProperties.WriteOptional(json, finding);

        json.Property("helpUri", HelpUri(finding.RuleId));
        json.EndObject();
    }

    /// <summary>The rule's help page; ids the catalog does not know still get the page they would have.</summary>
    internal static string HelpUri(string ruleId) => RuleCatalog.Find(ruleId)?.HelpUri ?? RuleCatalog.HelpUriBase + ruleId + ".md";
}
