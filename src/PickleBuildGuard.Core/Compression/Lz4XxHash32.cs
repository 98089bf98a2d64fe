using System;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Compression;

/// <summary>XXH32 with seed 0, as the LZ4 frame format uses it for header, block and content checksums; incremental.</summary>
internal sealed class Lz4XxHash32
{
    private const uint Prime1 = 2654435761u;
    private const uint Prime2 = 2246822519u;
    private const uint Prime3 = 3266489917u;
    private const uint Prime4 = 668265263u;
    private const uint Prime5 = 374761393u;

    private readonly byte[] memory = new byte[16];
    private int memorySize;
    private uint v1;
    private uint v2;
    private uint v3;
    private uint v4;
    private long totalLength;

    public Lz4XxHash32()
    {
        Reset();
    }

    public void Reset()
    {
        unchecked
        {
            v1 = Prime1 + Prime2;
            v2 = Prime2;
            v3 = 0;
            v4 = 0 - Prime1;
        }

        totalLength = 0;
        memorySize = 0;
    }

#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public void Update(byte[] data, int offset, int count)
    {
        totalLength += count;
        if (memorySize + count < 16)
        {
            Buffer.BlockCopy(data, offset, memory, memorySize, count);
            memorySize += count;
            return;
        }

        if (memorySize > 0)
        {
            int fill = 16 - memorySize;
            Buffer.BlockCopy(data, offset, memory, memorySize, fill);
            offset += fill;
            count -= fill;
            memorySize = 0;
            v1 = Round(v1, Read32(memory, 0));
            v2 = Round(v2, Read32(memory, 4));
            v3 = Round(v3, Read32(memory, 8));
            v4 = Round(v4, Read32(memory, 12));
        }

        int stripes = count >> 4;
        if (stripes > 0)
        {
            uint a = v1;
            uint b = v2;
            uint c = v3;
            uint d = v4;
            int end = offset + (stripes << 4);
            for (int p = offset; p < end; p += 16)
            {
                a = Round(a, Read32(data, p));
                b = Round(b, Read32(data, p + 4));
                c = Round(c, Read32(data, p + 8));
                d = Round(d, Read32(data, p + 12));
            }

            v1 = a;
            v2 = b;
            v3 = c;
            v4 = d;
            offset = end;
            count -= stripes << 4;
        }

        if (count > 0)
        {
            Buffer.BlockCopy(data, offset, memory, 0, count);
            memorySize = count;
        }
    }

    public uint Digest()
    {
        uint h;
        unchecked
        {
            h = totalLength >= 16
                ? RotateLeft(v1, 1) + RotateLeft(v2, 7) + RotateLeft(v3, 12) + RotateLeft(v4, 18)
                : v3 + Prime5;
            h += (uint)totalLength;
        }

        return Finish(h, memory, 0, memorySize);
    }

    /// <summary>One-shot XXH32 (seed 0) of a range.</summary>
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public static uint Hash(byte[] data, int offset, int count)
    {
        unchecked
        {
            int p = offset;
            int end = offset + count;
            uint h;
            if (count >= 16)
            {
                uint a = Prime1 + Prime2;
                uint b = Prime2;
                uint c = 0;
                uint d = 0 - Prime1;
                int limit = end - 16;
                for (; p <= limit; p += 16)
                {
                    a = Round(a, Read32(data, p));
                    b = Round(b, Read32(data, p + 4));
                    c = Round(c, Read32(data, p + 8));
                    d = Round(d, Read32(data, p + 12));
                }

                h = RotateLeft(a, 1) + RotateLeft(b, 7) + RotateLeft(c, 12) + RotateLeft(d, 18);
            }
            else
            {
                h = Prime5;
            }

            h += (uint)count;
            return Finish(h, data, p, end - p);
        }
    }

    private static uint Finish(uint h, byte[] data, int p, int count)
    {
        unchecked
        {
            int end = p + count;
            for (; p + 4 <= end; p += 4)
            {
                h += Read32(data, p) * Prime3;
                h = RotateLeft(h, 17) * Prime4;
            }

            for (; p < end; p++)
            {
                h += data[p] * Prime5;
                h = RotateLeft(h, 11) * Prime1;
            }

            h ^= h >> 15;
            h *= Prime2;
            h ^= h >> 13;
            h *= Prime3;
            h ^= h >> 16;
            return h;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Round(uint acc, uint input)
    {
        unchecked
        {
            acc += input * Prime2;
            acc = RotateLeft(acc, 13);
            return acc * Prime1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RotateLeft(uint value, int bits) => (value << bits) | (value >> (32 - bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Read32(byte[] data, int p) => BitConverter.IsLittleEndian
        ? BitConverter.ToUInt32(data, p)
        : (uint)(data[p] | (data[p + 1] << 8) | (data[p + 2] << 16) | (data[p + 3] << 24));
}
