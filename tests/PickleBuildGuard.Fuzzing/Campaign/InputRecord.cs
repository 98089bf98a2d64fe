using System.Collections.Generic;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Campaign;

/// <summary>A remembered input: the slowest, the most allocating, or a failing one. <c>Milliseconds</c> is CPU time.</summary>
public sealed record InputRecord(
    long Index,
    string Mutator,
    string Origin,
    string Description,
    int Length,
    double Milliseconds,
    double WallMilliseconds,
    long AllocatedBytes,
    string Verdict,
    IReadOnlyList<Violation> Violations);
