using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Keeps a malicious bare pickle intact up to and including the opcode of its first dangerous finding, and mutates
/// only what follows (flips, a cut, another fixture's bytes, junk). The scanner reads a pickle front to back and keeps
/// findings made before it stops, so the result must stay dangerous or worse: the precise form of "a payload whose
/// bytes are intact never becomes clean" (docs/reliability.md says why the general form cannot be stated).
/// </summary>
public sealed class PrefixPreservingMutator : IMutator
{
    public string Name => "mutate-after-payload";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        if (corpus.MaliciousBarePickles.Count == 0)
        {
            return null;
        }

        Seed seed = random.Pick(corpus.MaliciousBarePickles);
        int kept = PayloadEnd(seed);
        if (kept < 0 || kept > seed.Bytes.Length)
        {
            return null;
        }

        byte[] data;
        string description;
        switch (random.Below(4))
        {
            case 0:
                data = (byte[])seed.Bytes.Clone();
                int flips = random.Between(1, 4);
                description = "flips at";
                for (int i = 0; i < flips && data.Length > kept; i++)
                {
                    int at = kept + random.Below(data.Length - kept);
                    data[at] = random.NextByte();
                    description += $" {at}";
                }

                break;
            case 1:
                int cut = kept + random.Below(seed.Bytes.Length - kept + 1);
                data = Splice.Prefix(seed.Bytes, cut);
                description = $"cut at {cut}";
                break;
            case 2:
                Seed other = corpus.Draw(random);
                int from = random.Below(other.Bytes.Length + 1);
                data = Splice.Join(seed.Bytes, kept, other.Bytes, System.Math.Min(from, other.Bytes.Length));
                description = $"tail replaced by {other.Name} from {from}";
                break;
            default:
                var junk = new byte[random.Between(1, 64)];
                for (int i = 0; i < junk.Length; i++)
                {
                    junk[i] = random.NextByte();
                }

                data = Splice.Insert(seed.Bytes, kept + random.Below(seed.Bytes.Length - kept + 1), junk);
                description = $"{junk.Length} random bytes inserted after {kept}";
                break;
        }

        return new FuzzInput(data, Name, seed.Name, $"bytes [0,{kept}) kept; {description}", Expectation.AtLeast(Verdict.Dangerous, $"the payload up to offset {kept} is intact"));
    }

    // The end of the opcode at the first dangerous finding's offset; -1 when the walker does not land on it.
    private static int PayloadEnd(Seed seed)
    {
        foreach (var site in PickleOpcodeWalker.Walk(seed.Bytes))
        {
            if (site.Offset == seed.FirstDangerousOffset)
            {
                return site.End;
            }

            if (site.Offset > seed.FirstDangerousOffset)
            {
                break;
            }
        }

        return -1;
    }
}
