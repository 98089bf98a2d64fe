using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using PickleBuildGuard.Reporting;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

/// <summary>The report writers on hand-made results, independent of what the engine finds.</summary>
public sealed class ReportWriterTests
{
    private static FileScanResult ContainerResult(string path) => new(
        path,
        "pytorch-zip",
        ScanStatus.Complete,
        Verdict.Critical,
        100,
        sha256: null,
        new[] { "torch._utils._rebuild_tensor_v2", "posix.system" },
        new[]
        {
            new Finding("PBG1001", Verdict.Critical, "Loading calls posix.system", "posix.system", "archive/data.pkl", 42, occurrences: 3),
            new Finding("PBG1004", Verdict.Suspicious, "Unknown global mypkg.Thing", "mypkg.Thing", "archive/data.pkl", null),
            new Finding("PBG9999", Verdict.Dangerous, "A rule this catalog does not know", null, null, 7),
        },
        new[] { new Notice("PBG-N1", "Recognised a PyTorch zip archive") },
        bytesScanned: 1234,
        opcodeCount: 56);

    [Fact]
    public void Json_WritesOptionalFindingFieldsOnlyWhenPresent()
    {
        var output = new StringWriter();

        JsonReport.Write(new ScanReport(new[] { ContainerResult("models/evil.pt") }), output);

        using var document = JsonDocument.Parse(output.ToString());
        var file = document.RootElement.GetProperty("files")[0];
        Assert.Equal(JsonValueKind.Null, file.GetProperty("sha256").ValueKind);
        Assert.Equal("pytorch-zip", file.GetProperty("format").GetString());
        Assert.Equal(1234, file.GetProperty("bytesScanned").GetInt64());
        Assert.Equal(56, file.GetProperty("opcodes").GetInt64());
        Assert.Equal(new[] { "torch._utils._rebuild_tensor_v2", "posix.system" }, file.GetProperty("globals").EnumerateArray().Select(g => g.GetString()));

        var findings = file.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal("archive/data.pkl", findings[0].GetProperty("member").GetString());
        Assert.Equal(42, findings[0].GetProperty("offset").GetInt64());
        Assert.Equal(3, findings[0].GetProperty("occurrences").GetInt32());
        Assert.False(findings[1].TryGetProperty("offset", out _));
        Assert.False(findings[1].TryGetProperty("occurrences", out _));
        Assert.Equal("suspicious", findings[1].GetProperty("severity").GetString());
        Assert.False(findings[2].TryGetProperty("callable", out _));
        Assert.False(findings[2].TryGetProperty("member", out _));
        Assert.EndsWith("/PBG9999.md", findings[2].GetProperty("helpUri").GetString());

        var notice = Assert.Single(file.GetProperty("notices").EnumerateArray());
        Assert.Equal("PBG-N1", notice.GetProperty("code").GetString());
    }

    [Fact]
    public void Json_EscapesHostileStrings()
    {
        var result = new FileScanResult("a\"b\\c.pkl", "pickle", ScanStatus.Complete, Verdict.Dangerous, 60, null,
            new[] { "os\u001b[31m.\u202Esystem\ud800" }, Array.Empty<Finding>(), Array.Empty<Notice>(), 1, 1);
        var output = new StringWriter();

        JsonReport.Write(new ScanReport(new[] { result }), output);

        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal("a\"b\\c.pkl", document.RootElement.GetProperty("files")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Sarif_RelativeUrisUseForwardSlashesAndEscaping()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "my models", "evil#1.pt");
        var output = new StringWriter();

        SarifReport.Write(new ScanReport(new[] { ContainerResult(path) }), output, temp.Path);

        using var document = JsonDocument.Parse(output.ToString());
        var run = document.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        var artifactLocation = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("my%20models/evil%231.pt", artifactLocation.GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", artifactLocation.GetProperty("uriBaseId").GetString());
        Assert.EndsWith("/", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
    }

    [Fact]
    public void Sarif_RulesAreOnePerRuleIdWithMatchingIndexes()
    {
        var output = new StringWriter();
        var report = new ScanReport(new[] { ContainerResult("a.pt"), ContainerResult("b.pt") });

        SarifReport.Write(report, output, Directory.GetCurrentDirectory());

        using var document = JsonDocument.Parse(output.ToString());
        var run = document.RootElement.GetProperty("runs")[0];
        var ruleIds = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { "PBG1001", "PBG1004", "PBG9999" }, ruleIds);
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), ruleIds[result.GetProperty("ruleIndex").GetInt32()]);
        }

        var levels = run.GetProperty("results").EnumerateArray().Take(3).Select(r => r.GetProperty("level").GetString());
        Assert.Equal(new[] { "error", "warning", "error" }, levels);
        Assert.Equal("error", run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[2].GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void Sarif_MessageNamesCallableMemberAndOffset_AndByteOffsetOnlyForBareFiles()
    {
        var output = new StringWriter();

        SarifReport.Write(new ScanReport(new[] { ContainerResult("a.pt") }), output);

        using var document = JsonDocument.Parse(output.ToString());
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        string text = results[0].GetProperty("message").GetProperty("text").GetString()!;
        Assert.Contains("posix.system", text);
        Assert.Contains("archive/data.pkl", text);
        Assert.Contains("42", text);
        Assert.Equal("archive/data.pkl", results[0].GetProperty("properties").GetProperty("member").GetString());
        Assert.Equal(42, results[0].GetProperty("properties").GetProperty("offset").GetInt64());
        Assert.Equal("critical", results[0].GetProperty("properties").GetProperty("verdict").GetString());

        // Inside a container the offset is in the member's stream, not in the artifact.
        Assert.False(results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").TryGetProperty("byteOffset", out _));
        Assert.Equal(7, results[2].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("byteOffset").GetInt64());

        // Without a base directory every location is an absolute file URI.
        string uri = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", uri);
        Assert.Equal(new Uri(Path.GetFullPath("a.pt")).AbsoluteUri, uri);
    }

    [Fact]
    public void Text_EscapesControlCharactersFromTheFile()
    {
        var finding = new Finding("PBG1007", Verdict.Dangerous, "Identifier os\u001b[2J.system", "os\u001b[2J.system", null, 0);
        var result = new FileScanResult("x.pkl", "pickle", ScanStatus.Complete, Verdict.Dangerous, 60, null,
            Array.Empty<string>(), new[] { finding }, Array.Empty<Notice>(), 1, 1);
        var output = new StringWriter();

        TextReport.Write(new ScanReport(new[] { result }), output, useColor: false);

        Assert.False(output.ToString().Contains('\u001b'), "no raw ESC expected");
        Assert.Contains("os\\x1b[2J.system", output.ToString());
    }

    [Fact]
    public void Text_ShowsMemberOccurrencesAndStatus()
    {
        var inconclusive = new FileScanResult("models/evil.pt", "pytorch-zip", ScanStatus.Inconclusive, Verdict.Critical, 100, null,
            Array.Empty<string>(), ContainerResult("x").Findings, Array.Empty<Notice>(), 1, 1);
        var output = new StringWriter();

        TextReport.Write(new ScanReport(new[] { inconclusive }), output, useColor: true);

        string text = output.ToString();
        Assert.Contains("models/evil.pt  [pytorch-zip]  ", text);
        Assert.Contains("CRITICAL", text);
        Assert.Contains("inconclusive", text);
        Assert.Contains("  PBG1001 ", text);
        Assert.Contains("posix.system  archive/data.pkl  @offset 42  Loading calls posix.system (x3)", text);
        Assert.True(text.Contains('\u001b'), "ANSI escapes expected");
        Assert.Contains("Scanned 1 file: 0 clean, 0 suspicious, 0 unknown, 0 dangerous, 1 critical.", text);
    }
}
