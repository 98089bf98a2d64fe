using System;

namespace PickleBuildGuard.Fuzzing;

/// <summary>
/// xoshiro256** seeded with splitmix64: the same (campaign seed, input index) gives the same input on every machine
/// and .NET version, so any failing input can be rebuilt from its index alone.
/// </summary>
public sealed class FuzzRandom
{
    private ulong s0, s1, s2, s3;

    public FuzzRandom(ulong seed, ulong index)
    {
        ulong x = seed ^ (index * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>); 0 when the bound is not positive.</summary>
    public long Below(long bound) => bound <= 0 ? 0 : (long)(NextUInt64() % (ulong)bound);

    public int Below(int bound) => (int)Below((long)bound);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Below(max - min + 1);

    public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

    public byte NextByte() => (byte)NextUInt64();

    public T Pick<T>(System.Collections.Generic.IReadOnlyList<T> items) => items[Below(items.Count)];

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));
}
