using System;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Input;

/// <summary>
/// Sequential reading over a <see cref="ByteSource"/> range with a small window. Bytes already in memory are read
/// in place; anything else goes through a 64 KiB buffer, and long skips cost one seek.
/// </summary>
internal sealed class ByteCursor
{
    private const int DefaultBufferSize = 64 * 1024;

    private readonly ByteSource source;
    private readonly bool inPlace;
    private readonly long end;
    private byte[] buffer;
    private int pos;
    private int limit;

    // Source offset of buffer[0]; negative when reading in place from an array that starts later.
    private long bufferBase;

    public ByteCursor(ByteSource source, long start, long end)
    {
        this.source = source;
        this.end = Math.Min(end, source.Length);
        if (source.TryGetArray(out byte[] array, out int arrayStart))
        {
            inPlace = true;
            buffer = array;
            bufferBase = -arrayStart;
            pos = (int)(arrayStart + start);
            limit = (int)(arrayStart + this.end);
        }
        else
        {
            // Sized to the range: an archive of thousands of small pickles must not cost 64 KiB for each.
            buffer = new byte[(int)Math.Max(16, Math.Min(DefaultBufferSize, this.end - start))];
            bufferBase = start;
        }
    }

    /// <summary>Offset in the source of the next byte.</summary>
    public long Position => bufferBase + pos;

    public long End => end;

    public long Remaining => end - Position;

    /// <summary>The array the last <see cref="Ensure"/> made bytes available in; valid until the next read.</summary>
    public byte[] Buffer => buffer;

    /// <summary>Index in <see cref="Buffer"/> of the next byte.</summary>
    public int BufferIndex => pos;

    /// <summary>Index in <see cref="Buffer"/> just past the last byte read into it (in place: the end of the range).</summary>
    public int BufferLimit => limit;

    /// <summary>Sets the position to a buffer index between <see cref="BufferIndex"/> and <see cref="BufferLimit"/> (bytes consumed in place by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MoveTo(int bufferIndex) => pos = bufferIndex;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadByte()
    {
        if (pos < limit)
        {
            return buffer[pos++];
        }

        return ReadByteSlow();
    }

    /// <summary>Makes the next <paramref name="count"/> bytes contiguous in <see cref="Buffer"/> at <see cref="BufferIndex"/>; false at end of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Ensure(int count) => limit - pos >= count || Fill(count);

    /// <summary>Consumes bytes made available by <see cref="Ensure"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => pos += count;

    /// <summary>Moves forward; the caller has checked <see cref="Remaining"/>.</summary>
    public void Skip(long count)
    {
        if (count <= limit - pos)
        {
            pos += (int)count;
            return;
        }

        Seek(Position + count);
    }

    public void Seek(long position)
    {
        if (inPlace)
        {
            pos = (int)(position - bufferBase);
            return;
        }

        if (position >= bufferBase && position <= bufferBase + limit)
        {
            pos = (int)(position - bufferBase);
            return;
        }

        bufferBase = position;
        pos = 0;
        limit = 0;
    }

    /// <summary>Index of the next '\n' within <paramref name="maxLength"/> bytes, made contiguous; -1 if none (end or too long).</summary>
    public int FindNewline(int maxLength)
    {
        int searched = 0;
        while (true)
        {
            int available = limit - pos;
            int stop = Math.Min(available, maxLength + 1);
            int found = Array.IndexOf(buffer, (byte)'\n', pos + searched, stop - searched);
            if (found >= 0)
            {
                return found;
            }

            searched = stop;
            if (searched > maxLength || Position + available >= end)
            {
                return -1;
            }

            if (!Fill(Math.Min(available + DefaultBufferSize, maxLength + 1)) && limit - pos == available)
            {
                return -1;
            }
        }
    }

    /// <summary>Consumes a line of any length chunk by chunk; returns its length without the '\n', or -1 at the end of the range.</summary>
    public long SkipPastNewline()
    {
        long length = 0;
        while (true)
        {
            int found = Array.IndexOf(buffer, (byte)'\n', pos, limit - pos);
            if (found >= 0)
            {
                length += found - pos;
                pos = found + 1;
                return length;
            }

            length += limit - pos;
            pos = limit;
            if (Position >= end || !Fill(1))
            {
                return -1;
            }
        }
    }

    private int ReadByteSlow() => Fill(1) ? buffer[pos++] : -1;

    private bool Fill(int count)
    {
        if (inPlace)
        {
            return limit - pos >= count;
        }

        long available = end - Position;
        int want = (int)Math.Min(Math.Max(count, DefaultBufferSize), Math.Max(available, 0));
        if (want < count)
        {
            // Not enough left in the range: read what there is so callers can still see the tail.
            want = (int)Math.Max(available, 0);
        }

        int kept = limit - pos;
        if (want > buffer.Length)
        {
            var bigger = new byte[Math.Max(want, buffer.Length * 2)];
            System.Buffer.BlockCopy(buffer, pos, bigger, 0, kept);
            buffer = bigger;
        }
        else if (kept > 0)
        {
            System.Buffer.BlockCopy(buffer, pos, buffer, 0, kept);
        }

        bufferBase += pos;
        pos = 0;
        limit = kept;
        while (limit < want)
        {
            int n = source.ReadAt(bufferBase + limit, buffer, limit, want - limit);
            if (n <= 0)
            {
                break;
            }

            limit += n;
        }

        return limit >= count;
    }
}
