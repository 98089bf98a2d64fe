using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Flips bits, overwrites bytes with interesting values, inserts or deletes a byte, at 1-8 places; half of them in the
/// first 512 or last 64 bytes, where headers and trailers live.
/// </summary>
public sealed class ByteFlipMutator : IMutator
{
    private static readonly byte[] Interesting = { 0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'.', (byte)'(', 0x95, 0x8e, 0x93, (byte)'R', (byte)'c' };

    public string Name => "byte-flip";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        Seed seed = corpus.Draw(random);
        if (seed.Bytes.Length == 0)
        {
            return null;
        }

        var data = (byte[])seed.Bytes.Clone();
        int edits = random.Between(1, 8);
        var description = new System.Text.StringBuilder();
        for (int i = 0; i < edits && data.Length > 0; i++)
        {
            int position = Position(data.Length, random);
            switch (random.Below(4))
            {
                case 0:
                    int bit = random.Below(8);
                    data[position] ^= (byte)(1 << bit);
                    description.Append($"flip bit {bit} @{position}; ");
                    break;
                case 1:
                    byte value = random.Chance(0.5) ? random.Pick(Interesting) : random.NextByte();
                    data[position] = value;
                    description.Append($"set @{position}=0x{value:x2}; ");
                    break;
                case 2:
                    byte inserted = random.NextByte();
                    data = Splice.Insert(data, position, new[] { inserted });
                    description.Append($"insert 0x{inserted:x2} @{position}; ");
                    break;
                default:
                    data = Splice.Remove(data, position, 1);
                    description.Append($"delete @{position}; ");
                    break;
            }
        }

        return new FuzzInput(data, Name, seed.Name, description.ToString().TrimEnd(' ', ';'), Expectation.Any);
    }

    private static int Position(int length, FuzzRandom random) => random.Below(4) switch
    {
        0 => random.Below(System.Math.Min(length, 512)),
        1 => length - 1 - random.Below(System.Math.Min(length, 64)),
        _ => random.Below(length),
    };
}
