using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using PickleBuildGuard;

namespace PickleBuildGuard.Cli;

/// <summary>
/// Prints findings as GitHub Actions workflow commands (<c>::error file=…,line=1,title=PBGnnnn::message</c>) so they
/// show as annotations on the run and the pull request. The runner reads commands from stderr as well as stdout,
/// and stderr keeps a JSON or SARIF report on stdout intact.
/// </summary>
internal static class GitHubAnnotations
{
    /// <summary>GitHub shows at most 10 annotations of each level per step; more are dropped silently.</summary>
    public const int MaxPerLevel = 10;

    public static void Write(ScanReport report, TextWriter output, string workspace)
    {
        var written = new Dictionary<string, int>(StringComparer.Ordinal) { ["error"] = 0, ["warning"] = 0 };
        int skipped = 0;
        foreach (var file in report.Files)
        {
            string path = RelativePath(file.Path, workspace);
            foreach (var finding in file.Findings)
            {
                string? level = finding.Severity switch
                {
                    Verdict.Clean => null,
                    Verdict.Suspicious => "warning",
                    _ => "error",
                };
                if (level is null)
                {
                    continue;
                }

                if (written[level] == MaxPerLevel)
                {
                    skipped++;
                    continue;
                }

                written[level]++;
                output.WriteLine(
                    "::" + level
                    + " file=" + EscapeProperty(path)
                    + ",line=1,title=" + EscapeProperty(finding.RuleId)
                    + "::" + EscapeData(Message(finding)));
            }
        }

        if (skipped > 0)
        {
            output.WriteLine("::notice::" + skipped.ToString(CultureInfo.InvariantCulture) + " more findings are not annotated; see the pickleguard report.");
        }

        output.Flush();
    }

    private static string Message(Finding finding)
    {
        var details = new List<string>();
        if (finding.Callable is not null && finding.Message.IndexOf(finding.Callable, StringComparison.Ordinal) < 0)
        {
            details.Add(finding.Callable);
        }

        if (finding.Member is not null)
        {
            details.Add("in " + finding.Member);
        }

        if (finding.Offset is long offset)
        {
            details.Add("at offset " + offset.ToString(CultureInfo.InvariantCulture));
        }

        string text = finding.Severity.ToName() + ": " + finding.Message;
        return ConsoleText.Sanitize(details.Count == 0 ? text : text + " (" + string.Join(", ", details) + ")");
    }

    /// <summary>Annotations need the path from the checkout root, with '/'.</summary>
    private static string RelativePath(string path, string workspace)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }

        string relative = Path.GetRelativePath(workspace, full);
        string chosen = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return chosen.Replace('\\', '/');
    }

    private static string EscapeData(string text) =>
        new StringBuilder(text).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    private static string EscapeProperty(string text) =>
        new StringBuilder(EscapeData(text)).Replace(":", "%3A").Replace(",", "%2C").ToString();
}
