using System.Collections.Generic;
using System.Text;
using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Rewrites one length, size, count or offset field (see <see cref="LengthFieldLocator"/>) with an extreme or
/// off-by-one value: all ones, the largest signed value, 2^31, the value plus or minus one, doubled, zero, just past
/// the end of the input. This is where readers allocate what a header claims or loop on what it promises.
/// </summary>
public sealed class LengthInflationMutator : IMutator
{
    private readonly Dictionary<Seed, List<LengthField>> fieldsBySeed = new();

    public string Name => "inflate-length";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        Seed seed = corpus.Draw(random);
        if (!fieldsBySeed.TryGetValue(seed, out var fields))
        {
            fields = LengthFieldLocator.Find(seed.Bytes);
            fieldsBySeed[seed] = fields;
        }

        if (fields.Count == 0)
        {
            return null;
        }

        LengthField field = random.Pick(fields);
        var data = (byte[])seed.Bytes.Clone();
        string written = field.Encoding == FieldEncoding.TarOctal ? WriteTar(data, field, random) : WriteInteger(data, field, random);
        return new FuzzInput(data, Name, seed.Name, $"{field.Kind} @{field.Offset} ({field.Width} bytes) := {written}", Expectation.Any);
    }

    private static string WriteInteger(byte[] data, LengthField field, FuzzRandom random)
    {
        int bits = field.Width * 8;
        ulong max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong current = 0;
        for (int i = field.Width - 1; i >= 0; i--)
        {
            current = (current << 8) | data[field.Offset + i];
        }

        ulong value = random.Below(10) switch
        {
            0 => max,
            1 => max >> 1,
            2 => bits > 32 ? 1UL << 31 : 1UL << (bits - 1),
            3 => current + 1,
            4 => current - 1,
            5 => (current * 2) + 1,
            6 => 0,
            7 => (ulong)(data.Length - field.Offset) + (ulong)random.Below(16),
            8 => bits >= 32 ? 0xFFFFFFFFUL : max,
            _ => random.NextUInt64(),
        } & max;

        PickleOpcodeWalker.WriteLittleEndian(data, field.Offset, field.Width, value);
        return $"0x{value:x}";
    }

    private static string WriteTar(byte[] data, LengthField field, FuzzRandom random)
    {
        byte[] value;
        switch (random.Below(5))
        {
            case 0:
                value = Encoding.ASCII.GetBytes("77777777777\0");
                break;
            case 1:
                // GNU base-256: high bit set, the rest a huge positive number.
                value = new byte[12];
                value[0] = 0x80;
                for (int i = 1; i < 12; i++)
                {
                    value[i] = 0xFF;
                }

                value[4] = 0x7F;
                break;
            case 2:
                // base-256 with every bit set: negative in two's complement.
                value = new byte[12];
                for (int i = 0; i < 12; i++)
                {
                    value[i] = 0xFF;
                }

                break;
            case 3:
                value = Encoding.ASCII.GetBytes(System.Convert.ToString(random.Below(1L << 33), 8).PadLeft(11, '0') + "\0");
                break;
            default:
                value = Encoding.ASCII.GetBytes("9x9x9x9x9x9\0");
                break;
        }

        System.Buffer.BlockCopy(value, 0, data, field.Offset, System.Math.Min(value.Length, data.Length - field.Offset));
        return System.BitConverter.ToString(value);
    }
}
