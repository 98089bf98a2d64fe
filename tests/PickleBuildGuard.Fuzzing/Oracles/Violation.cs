namespace PickleBuildGuard.Fuzzing.Oracles;

/// <summary>An invariant an input broke, and how.</summary>
public sealed record Violation(string Invariant, string Message);
