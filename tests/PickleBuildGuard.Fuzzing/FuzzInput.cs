using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing;

/// <summary>One input of a campaign: its bytes, how they were made, and what they must scan to.</summary>
public sealed class FuzzInput
{
    public FuzzInput(byte[] data, string mutator, string origin, string description, Expectation expectation)
    {
        Data = data;
        Mutator = mutator;
        Origin = origin;
        Description = description;
        Expectation = expectation;
    }

    public byte[] Data { get; }

    /// <summary>The mutator or generator that made it.</summary>
    public string Mutator { get; }

    /// <summary>The fixture it was made from (or the generator's case).</summary>
    public string Origin { get; }

    /// <summary>What was done, precisely enough to understand a failure without replaying it.</summary>
    public string Description { get; }

    public Expectation Expectation { get; }
}
