using System.IO;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Compression;

/// <summary>
/// Most-significant-bit-first reader over a stream, as bzip2 writes its bits. Up to 64 pending bits are kept
/// left-aligned in one register, so a peek of up to 32 bits (after <see cref="Need"/>) is a single shift.
/// Running out of input where bits are required is reported as truncated data.
/// </summary>
internal sealed class Bzip2BitReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream input;
    private readonly byte[] buffer = new byte[BufferSize];
    private int pos;
    private int end;
    private bool inputEnded;

    // Pending bits, the next one in bit 63; Count of them are valid, the rest are zero. Fields rather than properties
    // so that the block decoder's symbol loop can keep them in locals and hand them back around slow calls.
    internal ulong Bits;
    internal int Count;

    public Bzip2BitReader(Stream input)
    {
        this.input = input;
    }

    /// <summary>Makes at least <paramref name="n"/> (at most 57) bits available; throws if the input ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Need(int n)
    {
        if (Count < n)
        {
            Fill(n);
        }
    }

    /// <summary>The next <paramref name="n"/> bits (1..32) without consuming them; <see cref="Need"/> must have been called.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Peek(int n) => (uint)(Bits >> (64 - n));

    /// <summary>Consumes <paramref name="n"/> bits already made available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n)
    {
        Bits <<= n;
        Count -= n;
    }

    /// <summary>Reads <paramref name="n"/> bits (1..32), first bit most significant.</summary>
    public uint Read(int n)
    {
        Need(n);
        uint value = (uint)(Bits >> (64 - n));
        Bits <<= n;
        Count -= n;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBit()
    {
        Need(1);
        bool bit = (long)Bits < 0;
        Bits <<= 1;
        Count--;
        return bit;
    }

    /// <summary>Drops the rest of the partly read byte.</summary>
    public void AlignToByte()
    {
        int drop = Count & 7;
        Bits <<= drop;
        Count -= drop;
    }

    /// <summary>True when no bits are pending and the input has no further byte (call on a byte boundary).</summary>
    public bool AtEnd()
    {
        if (Count > 0 || pos < end)
        {
            return false;
        }

        return !Refill();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill(int n)
    {
        if (end - pos >= 8)
        {
            // Whole bytes that fit, eight at a time.
            byte[] b = buffer;
            int p = pos;
            ulong word = ((ulong)b[p] << 56) | ((ulong)b[p + 1] << 48) | ((ulong)b[p + 2] << 40) | ((ulong)b[p + 3] << 32)
                | ((ulong)b[p + 4] << 24) | ((ulong)b[p + 5] << 16) | ((ulong)b[p + 6] << 8) | b[p + 7];
            int bytes = (64 - Count) >> 3;
            Bits |= (word >> Count) & (ulong.MaxValue << (64 - Count - (bytes << 3)));
            pos = p + bytes;
            Count += bytes << 3;
            return;
        }

        while (Count <= 56)
        {
            if (pos == end && !Refill())
            {
                break;
            }

            Bits |= (ulong)buffer[pos++] << (56 - Count);
            Count += 8;
        }

        if (Count < n)
        {
            throw Bzip2DecoderStream.Truncated();
        }
    }

    private bool Refill()
    {
        if (inputEnded)
        {
            return false;
        }

        int n = input.Read(buffer, 0, buffer.Length);
        if (n <= 0)
        {
            inputEnded = true;
            return false;
        }

        pos = 0;
        end = n;
        return true;
    }
}
