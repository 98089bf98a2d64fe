using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PickleBuildGuard;

namespace PickleBuildGuard.Cli;

/// <summary>
/// The report for people: one block per file (a header with the verdict, then a line per finding and the notices),
/// and a summary line at the end.
/// </summary>
internal static class TextReport
{
    private const string Reset = "\u001b[0m";
    private const string Dim = "\u001b[2m";
    private const string Bold = "\u001b[1m";

    public static void Write(ScanReport report, TextWriter output, bool useColor)
    {
        bool first = true;
        foreach (var file in report.Files)
        {
            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            WriteFile(file, output, useColor);
        }

        if (!first)
        {
            output.WriteLine();
        }

        output.WriteLine(Paint(useColor, Bold, Summary(report)));
        output.Flush();
    }

    /// <summary><c>Scanned N files: a clean, b suspicious, c unknown, d dangerous, e critical.</c></summary>
    public static string Summary(ScanReport report)
    {
        int Count(Verdict verdict) => report.Files.Count(f => f.Verdict == verdict);
        int total = report.Files.Count;
        return string.Format(
            CultureInfo.InvariantCulture,
            "Scanned {0} {1}: {2} clean, {3} suspicious, {4} unknown, {5} dangerous, {6} critical.",
            total,
            total == 1 ? "file" : "files",
            Count(Verdict.Clean),
            Count(Verdict.Suspicious),
            Count(Verdict.Unknown),
            Count(Verdict.Dangerous),
            Count(Verdict.Critical));
    }

    private static void WriteFile(FileScanResult file, TextWriter output, bool useColor)
    {
        var header = new StringBuilder()
            .Append(ConsoleText.Sanitize(file.Path))
            .Append("  [").Append(ConsoleText.Sanitize(file.Format)).Append("]  ")
            .Append(Paint(useColor, VerdictColor(file.Verdict), file.Verdict.ToName().ToUpperInvariant()))
            .Append(" (score ").Append(file.Score.ToString(CultureInfo.InvariantCulture)).Append(')');
        if (file.Status != ScanStatus.Complete)
        {
            header.Append("  ").Append(file.Status.ToName());
        }

        output.WriteLine(header.ToString());

        foreach (var finding in file.Findings)
        {
            output.WriteLine(FindingLine(finding, useColor));
        }

        foreach (var notice in file.Notices)
        {
            output.WriteLine(Paint(useColor, Dim, "      note " + ConsoleText.Sanitize(notice.Code) + ": " + ConsoleText.Sanitize(notice.Message)));
        }
    }

    /// <summary><c>  PBG1001 critical  posix.system  archive/data.pkl  @offset 42  message (x3)</c>.</summary>
    private static string FindingLine(Finding finding, bool useColor)
    {
        var line = new StringBuilder("  ")
            .Append(finding.RuleId).Append(' ')
            .Append(Paint(useColor, VerdictColor(finding.Severity), finding.Severity.ToName()));
        if (finding.Callable is not null)
        {
            line.Append("  ").Append(ConsoleText.Sanitize(finding.Callable));
        }

        if (finding.Member is not null)
        {
            line.Append("  ").Append(ConsoleText.Sanitize(finding.Member));
        }

        if (finding.Offset is long offset)
        {
            line.Append("  @offset ").Append(offset.ToString(CultureInfo.InvariantCulture));
        }

        line.Append("  ").Append(ConsoleText.Sanitize(finding.Message));
        if (finding.Occurrences > 1)
        {
            line.Append(" (x").Append(finding.Occurrences.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        return line.ToString();
    }

    private static string VerdictColor(Verdict verdict) => verdict switch
    {
        Verdict.Clean => "\u001b[32m",
        Verdict.Suspicious => "\u001b[33m",
        Verdict.Unknown => "\u001b[35m",
        Verdict.Dangerous => "\u001b[31m",
        _ => "\u001b[1;31m",
    };

    private static string Paint(bool useColor, string code, string text) => useColor ? code + text + Reset : text;
}
