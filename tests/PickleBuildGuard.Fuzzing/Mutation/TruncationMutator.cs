using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Cuts a fixture short at a random length (malicious fixtures half of the time). A cut malicious fixture must not be
/// clean, unless the prefix is a complete benign pickle ending before the payload (<see cref="TruncationOracle"/>).
/// </summary>
public sealed class TruncationMutator : IMutator
{
    public string Name => "truncate";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        Seed seed = random.Chance(0.5) && corpus.Malicious.Count > 0 ? random.Pick(corpus.Malicious) : corpus.Draw(random);
        if (seed.Bytes.Length < 2)
        {
            return null;
        }

        // Cuts near either end find header and trailer handling; uniform cuts find everything in between.
        int length = random.Below(3) switch
        {
            0 => random.Below(System.Math.Min(seed.Bytes.Length, 64)),
            1 => seed.Bytes.Length - 1 - random.Below(System.Math.Min(seed.Bytes.Length, 64)),
            _ => random.Below(seed.Bytes.Length),
        };

        byte[] prefix = Splice.Prefix(seed.Bytes, length);
        Expectation expectation = seed.IsMalicious && !TruncationOracle.IsCompleteBenignPrefix(prefix, length, seed.FirstPayloadOffset)
            ? Expectation.NotClean($"a truncation of a {seed.Baseline.Verdict} fixture (payload at {seed.FirstPayloadOffset})")
            : Expectation.Any;
        return new FuzzInput(prefix, Name, seed.Name, $"cut at {length} of {seed.Bytes.Length}", expectation);
    }
}
