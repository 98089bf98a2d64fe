using System.Collections.Generic;
using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Corrupts the header bytes of the format the fixture is in, where a reader makes its decisions: zip signatures,
/// methods and flags; tar magic, type, checksum; .npy version and dict text; gzip method and flags; bz2 level and
/// block magic; xz stream flags and block header; lz4 frame descriptor; 7z start header; the PROTO byte of a pickle.
/// </summary>
public sealed class HeaderCorruptionMutator : IMutator
{
    public string Name => "corrupt-header";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        Seed seed = corpus.Draw(random);
        var regions = Regions(seed.Bytes);
        if (regions.Count == 0)
        {
            return null;
        }

        var (what, start, length) = random.Pick(regions);
        var data = (byte[])seed.Bytes.Clone();
        int edits = random.Between(1, System.Math.Min(3, length));
        var description = new System.Text.StringBuilder(what + ":");
        for (int i = 0; i < edits; i++)
        {
            int at = start + random.Below(length);
            byte value = random.Chance(0.3) ? (byte)(data[at] ^ 0xFF) : random.NextByte();
            data[at] = value;
            description.Append($" @{at}=0x{value:x2}");
        }

        return new FuzzInput(data, Name, seed.Name, description.ToString(), Expectation.Any);
    }

    /// <summary>(what, start, length) of the header regions of the formats present in <paramref name="data"/>.</summary>
    public static List<(string What, int Start, int Length)> Regions(byte[] data)
    {
        var regions = new List<(string, int, int)>();
        void Add(string what, int start, int length)
        {
            if (start >= 0 && length > 0 && start + length <= data.Length)
            {
                regions.Add((what, start, length));
            }
        }

        if (data.Length >= 2 && data[0] == 0x80)
        {
            Add("pickle PROTO", 0, 2);
        }

        if (data.Length >= 10 && data[0] == 0x1F && data[1] == 0x8B)
        {
            Add("gzip method/flags/mtime/xfl/os", 2, 8);
            Add("gzip trailer CRC32/ISIZE", data.Length - 8, 8);
        }

        if (data.Length >= 10 && data[0] == 'B' && data[1] == 'Z' && data[2] == 'h')
        {
            Add("bz2 level and block magic", 3, 7);
            Add("bz2 block CRC", 10, 4);
        }

        if (data.Length >= 24 && data[0] == 0xFD && data[1] == 0x37)
        {
            Add("xz stream flags and CRC", 6, 6);
            Add("xz block header", 12, 12);
            Add("xz stream footer", data.Length - 12, 12);
        }

        if (data.Length >= 8 && data[0] == 0x04 && data[1] == 0x22 && data[2] == 0x4D && data[3] == 0x18)
        {
            Add("lz4 frame descriptor", 4, 3);
        }

        if (data.Length >= 32 && data[0] == '7' && data[1] == 'z')
        {
            Add("7z start header", 6, 26);
        }

        if (data.Length >= 10 && data[0] == 0x93 && data[1] == 'N')
        {
            Add("npy magic and version", 0, 8);
            int headerLength = data[6] == 1 ? data[8] | (data[9] << 8) : 0;
            Add("npy header dict", 10, System.Math.Min(headerLength, data.Length - 10));
        }

        if (data.Length >= 2 && data[0] == 0x78)
        {
            Add("zlib header", 0, 2);
        }

        for (int i = 0; i + 4 <= data.Length; i++)
        {
            if (data[i] == 0x50 && data[i + 1] == 0x4B && (data[i + 2] is 3 or 1 or 5 or 6 or 7))
            {
                // Signature, version, flags, method: the bytes every zip reader branches on.
                Add("zip record signature/flags/method", i, 12);
            }

            if (i % 512 == 0 && i + 512 <= data.Length && data[i + 257] == 'u' && data[i + 258] == 's' && data[i + 259] == 't')
            {
                Add("tar name", i, 100);
                Add("tar checksum/type/link", i + 148, 20);
                Add("tar magic/version", i + 257, 8);
                Add("tar prefix", i + 345, 155);
            }
        }

        return regions;
    }
}
