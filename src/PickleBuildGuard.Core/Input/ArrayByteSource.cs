using System;

namespace PickleBuildGuard.Input;

/// <summary>Bytes already in memory.</summary>
internal sealed class ArrayByteSource : ByteSource
{
    private readonly byte[] data;
    private readonly int start;
    private readonly int length;

    public ArrayByteSource(byte[] data, int start = 0, int? length = null)
    {
        this.data = data;
        this.start = start;
        this.length = length ?? data.Length - start;
    }

    public override long Length => length;

    public override int ReadAt(long offset, byte[] buffer, int index, int count)
    {
        if (offset >= length)
        {
            return 0;
        }

        int n = (int)Math.Min(count, length - offset);
        Buffer.BlockCopy(data, start + (int)offset, buffer, index, n);
        return n;
    }

    public override bool TryGetArray(out byte[] array, out int arrayStart)
    {
        array = data;
        arrayStart = start;
        return true;
    }
}
