using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Joins two fixtures: the head of one and the tail of another, or a chunk of one inserted into the other. Formats
/// meet where they were not designed to (a zip tail on a pickle head, a pickle inside a tar header…).
/// </summary>
public sealed class SpliceMutator : IMutator
{
    public string Name => "splice";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        Seed first = corpus.Draw(random);
        Seed second = corpus.Draw(random);
        if (first.Bytes.Length == 0 || second.Bytes.Length == 0)
        {
            return null;
        }

        if (random.Chance(0.5))
        {
            int cut = random.Below(first.Bytes.Length + 1);
            int from = random.Below(second.Bytes.Length);
            return new FuzzInput(Splice.Join(first.Bytes, cut, second.Bytes, from), Name, $"{first.Name} + {second.Name}", $"head [0,{cut}) of the first, tail [{from},end) of the second", Expectation.Any);
        }

        int at = random.Below(first.Bytes.Length + 1);
        int start = random.Below(second.Bytes.Length);
        int count = random.Between(1, System.Math.Min(4096, second.Bytes.Length - start));
        var chunk = new byte[count];
        System.Buffer.BlockCopy(second.Bytes, start, chunk, 0, count);
        return new FuzzInput(Splice.Insert(first.Bytes, at, chunk), Name, $"{first.Name} + {second.Name}", $"{count} bytes of the second from {start} inserted at {at} of the first", Expectation.Any);
    }
}
