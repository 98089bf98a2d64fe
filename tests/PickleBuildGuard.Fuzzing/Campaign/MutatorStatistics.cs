using System.Collections.Generic;

namespace PickleBuildGuard.Fuzzing.Campaign;

/// <summary>What one mutator's inputs did over a campaign.</summary>
public sealed class MutatorStatistics
{
    public MutatorStatistics(string mutator) => Mutator = mutator;

    public string Mutator { get; }

    public long Inputs { get; set; }

    public long Failures { get; set; }

    public double TotalMilliseconds { get; set; }

    public double MaxMilliseconds { get; set; }

    public long MaxAllocatedBytes { get; set; }

    public long InputBytes { get; set; }

    /// <summary>How many inputs ended with each verdict.</summary>
    public Dictionary<Verdict, long> Verdicts { get; } = new();
}
