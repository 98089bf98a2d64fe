using System;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>Byte-array surgery shared by the mutators.</summary>
public static class Splice
{
    public static byte[] Insert(byte[] data, int at, byte[] inserted)
    {
        var result = new byte[data.Length + inserted.Length];
        Buffer.BlockCopy(data, 0, result, 0, at);
        Buffer.BlockCopy(inserted, 0, result, at, inserted.Length);
        Buffer.BlockCopy(data, at, result, at + inserted.Length, data.Length - at);
        return result;
    }

    public static byte[] Remove(byte[] data, int at, int count)
    {
        count = Math.Min(count, data.Length - at);
        var result = new byte[data.Length - count];
        Buffer.BlockCopy(data, 0, result, 0, at);
        Buffer.BlockCopy(data, at + count, result, at, data.Length - at - count);
        return result;
    }

    public static byte[] Prefix(byte[] data, int length)
    {
        var result = new byte[length];
        Buffer.BlockCopy(data, 0, result, 0, length);
        return result;
    }

    /// <summary><paramref name="first"/>[0, cut) followed by <paramref name="second"/>[from, end).</summary>
    public static byte[] Join(byte[] first, int cut, byte[] second, int from)
    {
        var result = new byte[cut + second.Length - from];
        Buffer.BlockCopy(first, 0, result, 0, cut);
        Buffer.BlockCopy(second, from, result, cut, second.Length - from);
        return result;
    }
}
