using System;

namespace PickleBuildGuard.Input;

/// <summary>
/// Random-access bytes: a file, an array, or a range of another source. Containers hand the engine ranges of
/// this kind, so a multi-GB tensor member is never read just to reach the pickle next to it.
/// </summary>
internal abstract class ByteSource : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>; returns how many were read (0 at the end).</summary>
    public abstract int ReadAt(long offset, byte[] buffer, int index, int count);

    /// <summary>The whole content as one array when it already is one (no copy), for the fastest reading path.</summary>
    public virtual bool TryGetArray(out byte[] array, out int start)
    {
        array = Array.Empty<byte>();
        start = 0;
        return false;
    }

    /// <summary>A view of <paramref name="length"/> bytes starting at <paramref name="offset"/>.</summary>
    public ByteSource Slice(long offset, long length) => new SliceByteSource(this, offset, length);

    public virtual void Dispose()
    {
    }
}
