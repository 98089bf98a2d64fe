using System;
using System.IO;

namespace PickleBuildGuard.Compression;

/// <summary>
/// Read-only, forward-only bzip2 decoder (what joblib <c>compress='bz2'</c>, pandas <c>*.pkl.bz2</c> and zip method 12
/// write), written from the format: one or more concatenated streams (<c>BZh1</c>..<c>BZh9</c>), each a series of
/// blocks (Huffman tables and selectors, MTF and RLE2 symbols, inverse BWT, initial run-length coding) closed by an
/// end-of-stream marker. Every block CRC and every stream's combined CRC is checked.
/// </summary>
/// <remarks>
/// <para>Corrupt or truncated input, anything after the last stream that is not another stream, and the randomised
/// blocks that only bzip2 0.9.0 and older wrote all raise <see cref="InvalidDataException"/>; so does any read that
/// would take the output past <c>maxOutputBytes</c> (a decompression-bomb guard: the message says "limit").</para>
/// <para>Memory is bounded by one block: a 4-byte link per BWT byte (at most 3.6 MB) plus small tables.
/// The CRC of a block is checked as soon as its last byte has been read; the stream CRC when the reader reaches the
/// end-of-stream marker, so read to the end (until <c>Read</c> returns 0) to have every
/// check made. The input is read ahead in 64 KB pieces, so its position afterwards says nothing about where the
/// bzip2 data ended.</para>
/// </remarks>
internal sealed class Bzip2DecoderStream : ReadOnlyDecoderStream
{
    // A one-byte buffer for the end-of-data probe at the output limit.
    private readonly byte[] one = new byte[1];

    private const uint BlockMagicHigh = 0x314159;
    private const uint BlockMagicLow = 0x265359;
    private const uint EndMagicHigh = 0x177245;
    private const uint EndMagicLow = 0x385090;

    private readonly Stream input;
    private readonly bool leaveOpen;
    private readonly long maxOutputBytes;
    private readonly Bzip2BitReader reader;
    private readonly Bzip2Block block = new();

    private State state = State.StreamHeader;
    private int maxBlockSize;
    private uint combinedCrc;
    private int streams;
    private long produced;

    public Bzip2DecoderStream(Stream input, long maxOutputBytes, bool leaveOpen = false)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        if (!input.CanRead)
        {
            throw new ArgumentException("the input stream is not readable", nameof(input));
        }

        if (maxOutputBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOutputBytes), "the output limit cannot be negative");
        }

        this.input = input;
        this.leaveOpen = leaveOpen;
        this.maxOutputBytes = maxOutputBytes;
        reader = new Bzip2BitReader(input);
    }

    private enum State
    {
        StreamHeader,
        BlockHeader,
        BlockData,
        Done,
    }

    /// <summary>Decoded bytes returned so far.</summary>
    public long BytesDecoded => produced;

    protected override string FormatName => "bzip2";


    internal static InvalidDataException Truncated() => new("bzip2 data is truncated");

    internal static InvalidDataException Corrupt(string detail) => new("bzip2 data is corrupt: " + detail);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            if (!leaveOpen)
            {
                input.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    protected override int ReadDecoded(byte[] buffer, int offset, int count)
    {
        long allowed = maxOutputBytes - produced;
        if (allowed <= 0)
        {
            // At the limit: fine if the data ends here, a bomb if there is one more byte.
            if (ReadCore(one, 0, 1) == 0)
            {
                return 0;
            }

            throw new InvalidDataException("bzip2 output exceeds the limit of " + maxOutputBytes + " bytes");
        }

        int n = ReadCore(buffer, offset, (int)Math.Min(count, allowed));
        produced += n;
        return n;
    }

    private int ReadCore(byte[] buffer, int offset, int count)
    {
        int written = 0;
        while (written < count)
        {
            switch (state)
            {
                case State.BlockData:
                    written += block.Write(buffer, offset + written, count - written);
                    if (block.Finished)
                    {
                        if (block.ComputedCrc != block.StoredCrc)
                        {
                            throw Corrupt("block CRC mismatch");
                        }

                        combinedCrc = ((combinedCrc << 1) | (combinedCrc >> 31)) ^ block.StoredCrc;
                        state = State.BlockHeader;
                    }

                    break;

                case State.BlockHeader:
                    ReadBlockHeader();
                    break;

                case State.StreamHeader:
                    ReadStreamHeader();
                    break;

                default:
                    return written;
            }
        }

        return written;
    }

    private void ReadStreamHeader()
    {
        if (streams > 0 && reader.AtEnd())
        {
            state = State.Done;
            return;
        }

        uint magic = reader.Read(24);
        uint level = reader.Read(8);
        if (magic != 0x425A68 || level < '1' || level > '9')
        {
            throw streams == 0
                ? new InvalidDataException("not bzip2 data (no BZh1..BZh9 header)")
                : Corrupt("data after the end of a stream is not another bzip2 stream");
        }

        maxBlockSize = (int)(level - '0') * 100000;
        combinedCrc = 0;
        state = State.BlockHeader;
    }

    private void ReadBlockHeader()
    {
        uint high = reader.Read(24);
        uint low = reader.Read(24);
        if (high == BlockMagicHigh && low == BlockMagicLow)
        {
            block.Decode(reader, maxBlockSize);
            state = State.BlockData;
        }
        else if (high == EndMagicHigh && low == EndMagicLow)
        {
            uint stored = reader.Read(32);
            if (stored != combinedCrc)
            {
                throw Corrupt("stream CRC mismatch");
            }

            reader.AlignToByte();
            streams++;
            state = State.StreamHeader;
        }
        else
        {
            throw Corrupt("bad block signature");
        }
    }
}
