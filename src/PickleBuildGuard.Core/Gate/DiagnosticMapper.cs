using System.Collections.Generic;
using System.Globalization;
using PickleBuildGuard.Rules;

namespace PickleBuildGuard.Gate;

/// <summary>Turns one file's result into build diagnostics: one per finding, at the level the options give it.</summary>
internal static class DiagnosticMapper
{
    public static IEnumerable<GateDiagnostic> Map(BuildItem item, FileScanResult result, TrustedPins pins, GateOptions options)
    {
        if (!pins.IsEmpty)
        {
            string? actual = result.Sha256 ?? TrustedPins.HashOf(item.FullPath);
            if (pins.Contains(actual))
            {
                foreach (var finding in result.Findings)
                {
                    yield return new GateDiagnostic(
                        DiagnosticLevel.Message,
                        null,
                        item.FullPath,
                        $"{item.ItemSpec}: {finding.RuleId} accepted because the content matches PickleBuildGuardTrustedSha256 {actual}: {Describe(finding)}",
                        null);
                }

                yield break;
            }

            var mismatch = RuleCatalog.TrustedHashMismatch;
            yield return new GateDiagnostic(
                options.LevelOf(mismatch.Severity) == DiagnosticLevel.Message ? DiagnosticLevel.Message : DiagnosticLevel.Warning,
                mismatch.Id,
                item.FullPath,
                $"{item.ItemSpec} is pinned with PickleBuildGuardTrustedSha256 {pins.Text}, but its content has SHA-256 {actual ?? "(unreadable)"}: the pin does not apply and the file is judged on its findings",
                mismatch.HelpUri);
        }

        foreach (var finding in result.Findings)
        {
            var level = options.LevelOf(finding.Severity);
            string helpLink = RuleCatalog.Find(finding.RuleId)?.HelpUri ?? RuleCatalog.HelpUriBase + finding.RuleId + ".md";
            yield return level == DiagnosticLevel.Message
                ? new GateDiagnostic(level, null, item.FullPath, $"{item.ItemSpec}: {finding.RuleId} ({finding.Severity.ToName()}): {Describe(finding)}", null)
                : new GateDiagnostic(level, finding.RuleId, item.FullPath, Describe(finding), helpLink);
        }
    }

    /// <summary>The finding's message, where it is (member, offset) and how often.</summary>
    internal static string Describe(Finding finding)
    {
        string where = (finding.Member, finding.Offset) switch
        {
            (null, null) => string.Empty,
            (null, { } offset) => string.Format(CultureInfo.InvariantCulture, " (at offset {0})", offset),
            ({ } member, null) => $" (in {member})",
            ({ } member, { } offset) => string.Format(CultureInfo.InvariantCulture, " (in {0} at offset {1})", member, offset),
        };
        string times = finding.Occurrences > 1 ? string.Format(CultureInfo.InvariantCulture, " [{0} occurrences]", finding.Occurrences) : string.Empty;
        return finding.Message + where + times;
    }
}
