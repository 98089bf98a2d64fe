namespace PickleBuildGuard.Fuzzing.Oracles;

/// <summary>
/// What one fuzzed input must scan to, on top of the invariants every input has (no exception, no PBG0008, no hang,
/// bounded allocation, a self-consistent result).
/// </summary>
public sealed class Expectation
{
    private Expectation(Verdict minimum, Verdict maximum, string? requiredRule, string reason)
    {
        Minimum = minimum;
        Maximum = maximum;
        RequiredRule = requiredRule;
        Reason = reason;
    }

    /// <summary>Only the universal invariants: a mutation whose correct verdict cannot be known in advance.</summary>
    public static Expectation Any { get; } = new(Verdict.Clean, Verdict.Critical, null, "any verdict");

    public Verdict Minimum { get; }

    public Verdict Maximum { get; }

    /// <summary>A rule that must be among the findings (for example PBG0004 for an input over a limit).</summary>
    public string? RequiredRule { get; }

    /// <summary>Why this is what the input must give, for the failure report.</summary>
    public string Reason { get; }

    public bool IsAny => Minimum == Verdict.Clean && Maximum == Verdict.Critical && RequiredRule is null;

    public static Expectation NotClean(string reason) => new(Verdict.Suspicious, Verdict.Critical, null, reason);

    public static Expectation AtLeast(Verdict minimum, string reason, string? requiredRule = null) => new(minimum, Verdict.Critical, requiredRule, reason);

    public static Expectation Exactly(Verdict verdict, string reason, string? requiredRule = null) => new(verdict, verdict, requiredRule, reason);

    public override string ToString() =>
        (Minimum == Maximum ? Minimum.ToString() : $"{Minimum}..{Maximum}") + (RequiredRule is null ? string.Empty : $" with {RequiredRule}") + $" ({Reason})";
}
