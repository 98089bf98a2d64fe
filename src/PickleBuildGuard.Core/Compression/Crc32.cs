using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Compression;

/// <summary>CRC-32 (IEEE, reflected, as in gzip, zip and xz) with slicing-by-8 tables.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTables(0xEDB88320u);

    /// <summary>The finished CRC-32 of a range.</summary>
    public static uint Compute(byte[] data, int offset, int count) => Update(0xFFFFFFFFu, data, offset, count) ^ 0xFFFFFFFFu;

    /// <summary>Advances a running (not yet inverted) CRC by one byte.</summary>
    public static uint Update(uint crc, byte b) => Table[(crc ^ b) & 0xFF] ^ (crc >> 8);

    /// <summary>Advances a running (not yet inverted) CRC by a range; start from 0xFFFFFFFF and invert at the end.</summary>
    [MethodImpl(LzmaDecoder.HotLoop)]
    public static uint Update(uint crc, byte[] data, int offset, int count)
    {
        uint[] t = Table;
        int i = offset;
        int end = offset + count;
        for (; end - i >= 8; i += 8)
        {
            uint a = crc ^ (data[i] | ((uint)data[i + 1] << 8) | ((uint)data[i + 2] << 16) | ((uint)data[i + 3] << 24));
            uint b = data[i + 4] | ((uint)data[i + 5] << 8) | ((uint)data[i + 6] << 16) | ((uint)data[i + 7] << 24);
            crc = t[(7 * 256) + (a & 0xFF)] ^ t[(6 * 256) + ((a >> 8) & 0xFF)] ^ t[(5 * 256) + ((a >> 16) & 0xFF)] ^ t[(4 * 256) + (a >> 24)]
                ^ t[(3 * 256) + (b & 0xFF)] ^ t[(2 * 256) + ((b >> 8) & 0xFF)] ^ t[256 + ((b >> 16) & 0xFF)] ^ t[b >> 24];
        }

        for (; i < end; i++)
        {
            crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>Slicing-by-8 tables for a reflected CRC: table k advances a byte followed by k zero bytes.</summary>
    private static uint[] BuildTables(uint polynomial)
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            t[i] = c;
        }

        for (int i = 256; i < t.Length; i++)
        {
            uint prev = t[i - 256];
            t[i] = (prev >> 8) ^ t[prev & 0xFF];
        }

        return t;
    }
}
