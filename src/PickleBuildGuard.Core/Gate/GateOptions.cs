using System;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Gate;

/// <summary>
/// What a build does with verdicts (<c>PickleBuildGuardFailOn</c>, <c>…WarnOn</c>, <c>…OnIncomplete</c>). Parsed here
/// once so the MSBuild task and any other build host accept and reject exactly the same values.
/// </summary>
public sealed class GateOptions
{
    public static GateOptions Default { get; } = new();

    /// <summary>Findings at or above this severity fail the build; null means never.</summary>
    public Verdict? FailOn { get; init; } = Verdict.Dangerous;

    /// <summary>Findings at or above this severity (and below <see cref="FailOn"/>) are warnings; null means never.</summary>
    public Verdict? WarnOn { get; init; } = Verdict.Suspicious;

    /// <summary>What a finding that means "not verified" (PBG0nnn, verdict unknown) becomes.</summary>
    public DiagnosticLevel OnIncomplete { get; init; } = DiagnosticLevel.Error;

    /// <summary>Parses the three MSBuild properties; empty means the default. Throws <see cref="PolicyException"/>.</summary>
    public static GateOptions Parse(string? failOn, string? warnOn, string? onIncomplete) => new()
    {
        FailOn = ParseThreshold("PickleBuildGuardFailOn", failOn, Default.FailOn),
        WarnOn = ParseThreshold("PickleBuildGuardWarnOn", warnOn, Default.WarnOn),
        OnIncomplete = ParseLevel("PickleBuildGuardOnIncomplete", onIncomplete, Default.OnIncomplete),
    };

    /// <summary>The level of one finding of a file whose pin (if any) did not vouch for it.</summary>
    public DiagnosticLevel LevelOf(Verdict severity)
    {
        if (severity == Verdict.Unknown)
        {
            return OnIncomplete;
        }

        if (FailOn is { } fail && severity >= fail)
        {
            return DiagnosticLevel.Error;
        }

        return WarnOn is { } warn && severity >= warn ? DiagnosticLevel.Warning : DiagnosticLevel.Message;
    }

    private static Verdict? ParseThreshold(string property, string? text, Verdict? fallback)
    {
        string value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            return fallback;
        }

        if (value.Equals("Never", StringComparison.OrdinalIgnoreCase) || value.Equals("None", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Clean and Unknown are not thresholds: every file would fail, and unknown has its own property.
        if (VerdictNames.TryParse(value, out var verdict) && verdict is Verdict.Suspicious or Verdict.Dangerous or Verdict.Critical)
        {
            return verdict;
        }

        throw new PolicyException($"{property} is '{value}'; expected Suspicious, Dangerous, Critical or Never");
    }

    private static DiagnosticLevel ParseLevel(string property, string? text, DiagnosticLevel fallback)
    {
        string value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            return fallback;
        }

        foreach (DiagnosticLevel level in new[] { DiagnosticLevel.Error, DiagnosticLevel.Warning, DiagnosticLevel.Message })
        {
            if (value.Equals(level.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return level;
            }
        }

        throw new PolicyException($"{property} is '{value}'; expected Error, Warning or Message");
    }
}
