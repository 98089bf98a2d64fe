using System;

namespace PickleBuildGuard.Input;

/// <summary>A range of another source (a container member, a nested payload stored as-is).</summary>
internal sealed class SliceByteSource : ByteSource
{
    private readonly ByteSource inner;
    private readonly long offset;
    private readonly long length;

    public SliceByteSource(ByteSource inner, long offset, long length)
    {
        this.inner = inner;
        this.offset = Math.Max(0, Math.Min(offset, inner.Length));
        this.length = Math.Max(0, Math.Min(length, inner.Length - this.offset));
    }

    public override long Length => length;

    public override int ReadAt(long position, byte[] buffer, int index, int count)
    {
        if (position >= length)
        {
            return 0;
        }

        return inner.ReadAt(offset + position, buffer, index, (int)Math.Min(count, length - position));
    }

    public override bool TryGetArray(out byte[] array, out int start)
    {
        if (inner.TryGetArray(out array, out start) && offset + length <= int.MaxValue)
        {
            start += (int)offset;
            return true;
        }

        return false;
    }
}
