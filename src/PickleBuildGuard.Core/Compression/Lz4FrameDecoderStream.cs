using System;
using System.IO;

namespace PickleBuildGuard.Compression;

/// <summary>
/// Read-only, forward-only decoder of the LZ4 frame format (what joblib <c>compress='lz4'</c> writes), written from
/// the format: one or more concatenated frames (magic <c>0x184D2204</c>) with independent or linked blocks of up to
/// 4 MB, optional content size, block checksums and content checksum; skippable frames (<c>0x184D2A50</c>..<c>5F</c>);
/// and the legacy frame format (magic <c>0x184C2102</c>, independent 8 MB blocks) of <c>lz4 -l</c>.
/// </summary>
/// <remarks>
/// <para>The header checksum, block checksums and content checksum (XXH32) are verified when the frame has them,
/// and a declared content size must match. Corrupt or truncated input, frames that need a dictionary, and data after
/// the last frame that is not another frame raise <see cref="InvalidDataException"/>; so does any read that would
/// take the output past <c>maxOutputBytes</c> (a decompression-bomb guard: the message says "limit").</para>
/// <para>Memory: one compressed block and one decoded block plus 64 KB of history (about 8.5 MB for frames of 4 MB
/// blocks, 17 MB for legacy frames). Read to the end to have every check made. The input is read exactly as far as
/// the frames go, never ahead.</para>
/// </remarks>
internal sealed class Lz4FrameDecoderStream : ReadOnlyDecoderStream
{
    // A one-byte buffer for the end-of-data probe at the output limit.
    private readonly byte[] one = new byte[1];

    private const uint FrameMagic = 0x184D2204;
    private const uint LegacyMagic = 0x184C2102;
    private const uint SkippableMagic = 0x184D2A50;
    private const uint SkippableMask = 0xFFFFFFF0;
    private const int HistorySize = 64 * 1024;
    private const int MinLinkedSpace = 256 * 1024;
    private const int LegacyBlockSize = 8 * 1024 * 1024;
    private const int LegacyMaxCompressedSize = LegacyBlockSize + (LegacyBlockSize / 255) + 16;

    private readonly Stream input;
    private readonly bool leaveOpen;
    private readonly long maxOutputBytes;
    private readonly byte[] header = new byte[16];
    private readonly Lz4XxHash32 contentHash = new();

    private State state = State.FrameStart;
    private long produced;
    private int frames;
    private uint pendingMagic;
    private bool hasPendingMagic;

    private byte[]? compressed;
    private byte[]? window;
    private int outPos;
    private int outEnd;
    private int windowEnd;

    // Current frame.
    private bool linked;
    private bool blockChecksums;
    private bool contentChecksum;
    private ulong contentSize;
    private ulong frameOutput;
    private int blockMax;

    public Lz4FrameDecoderStream(Stream input, long maxOutputBytes, bool leaveOpen = false)
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
    }

    private enum State
    {
        FrameStart,
        Block,
        LegacyBlock,
        Done,
    }

    /// <summary>Decoded bytes returned so far.</summary>
    public long BytesDecoded => produced;

    protected override string FormatName => "LZ4";


    internal static InvalidDataException Truncated() => new("LZ4 data is truncated");

    internal static InvalidDataException Corrupt(string detail) => new("LZ4 data is corrupt: " + detail);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            compressed = null;
            window = null;
            if (!leaveOpen)
            {
                input.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static uint ReadLE32(byte[] data, int p) =>
        (uint)(data[p] | (data[p + 1] << 8) | (data[p + 2] << 16) | (data[p + 3] << 24));

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

            throw new InvalidDataException("LZ4 output exceeds the limit of " + maxOutputBytes + " bytes");
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
            if (outPos < outEnd)
            {
                int n = Math.Min(outEnd - outPos, count - written);
                Buffer.BlockCopy(window!, outPos, buffer, offset + written, n);
                outPos += n;
                written += n;
                continue;
            }

            switch (state)
            {
                case State.FrameStart:
                    StartFrame();
                    break;

                case State.Block:
                    ReadBlock();
                    break;

                case State.LegacyBlock:
                    ReadLegacyBlock();
                    break;

                default:
                    return written;
            }
        }

        return written;
    }

    private void StartFrame()
    {
        uint magic;
        if (hasPendingMagic)
        {
            magic = pendingMagic;
            hasPendingMagic = false;
        }
        else
        {
            int n = ReadInputUpTo(header, 0, 4);
            if (n == 0 && frames > 0)
            {
                state = State.Done;
                return;
            }

            if (n < 4)
            {
                throw Truncated();
            }

            magic = ReadLE32(header, 0);
        }

        if (magic == FrameMagic)
        {
            ReadFrameDescriptor();
        }
        else if ((magic & SkippableMask) == SkippableMagic)
        {
            ReadInput(header, 0, 4);
            SkipBytes(ReadLE32(header, 0));
            frames++;
        }
        else if (magic == LegacyMagic)
        {
            EnsureBuffers(0, LegacyBlockSize);
            windowEnd = 0;
            state = State.LegacyBlock;
        }
        else
        {
            throw frames == 0
                ? new InvalidDataException("not LZ4 frame data (unknown magic number)")
                : Corrupt("data after the end of a frame is not another LZ4 frame");
        }
    }

    private void ReadFrameDescriptor()
    {
        ReadInput(header, 0, 2);
        int flg = header[0];
        int bd = header[1];
        if (flg >> 6 != 1)
        {
            throw Corrupt("unsupported frame version");
        }

        if ((flg & 0x02) != 0 || (bd & 0x8F) != 0)
        {
            throw Corrupt("reserved frame descriptor bits are set");
        }

        int blockSizeId = (bd >> 4) & 7;
        if (blockSizeId < 4)
        {
            throw Corrupt("invalid maximum block size");
        }

        bool hasContentSize = (flg & 0x08) != 0;
        bool hasDictionary = (flg & 0x01) != 0;
        int length = 2;
        if (hasContentSize)
        {
            ReadInput(header, length, 8);
            length += 8;
        }

        if (hasDictionary)
        {
            ReadInput(header, length, 4);
            length += 4;
        }

        ReadInput(header, length, 1);
        if (header[length] != (byte)(Lz4XxHash32.Hash(header, 0, length) >> 8))
        {
            throw Corrupt("frame header checksum mismatch");
        }

        if (hasDictionary)
        {
            throw new InvalidDataException("LZ4 frame needs a dictionary, which is not supported");
        }

        linked = (flg & 0x20) == 0;
        blockChecksums = (flg & 0x10) != 0;
        contentChecksum = (flg & 0x04) != 0;
        contentSize = hasContentSize ? (ReadLE32(header, 2) | ((ulong)ReadLE32(header, 6) << 32)) : 0;
        blockMax = 1 << (8 + (2 * blockSizeId));
        frameOutput = 0;
        contentHash.Reset();
        EnsureBuffers(blockMax, linked ? HistorySize + Math.Max(blockMax, MinLinkedSpace) : blockMax);
        windowEnd = 0;
        state = State.Block;
    }

    private void ReadBlock()
    {
        ReadInput(header, 0, 4);
        uint blockHeader = ReadLE32(header, 0);
        if (blockHeader == 0)
        {
            EndFrame();
            return;
        }

        bool stored = (blockHeader & 0x80000000u) != 0;
        int size = (int)(blockHeader & 0x7FFFFFFFu);
        if (size > blockMax)
        {
            throw Corrupt("block larger than the frame's maximum block size");
        }

        byte[] output = window!;
        int start = 0;
        if (linked)
        {
            start = windowEnd;
            if (start + blockMax > output.Length)
            {
                // Keep the last 64 KB as history for the next block's matches.
                int keep = Math.Min(HistorySize, windowEnd);
                Buffer.BlockCopy(output, windowEnd - keep, output, 0, keep);
                start = keep;
            }
        }

        int end;
        if (stored)
        {
            ReadInput(output, start, size);
            if (blockChecksums)
            {
                VerifyBlockChecksum(output, start, size);
            }

            end = start + size;
        }
        else
        {
            byte[] source = compressed!;
            ReadInput(source, 0, size);
            if (blockChecksums)
            {
                VerifyBlockChecksum(source, 0, size);
            }

            end = Lz4BlockDecoder.Decode(source, 0, size, output, start, start + blockMax, 0);
        }

        int n = end - start;
        frameOutput += (ulong)n;
        if (contentSize != 0 && frameOutput > contentSize)
        {
            throw Corrupt("frame decodes to more than its declared content size");
        }

        if (contentChecksum)
        {
            contentHash.Update(output, start, n);
        }

        outPos = start;
        outEnd = end;
        windowEnd = end;
    }

    private void EndFrame()
    {
        if (contentChecksum)
        {
            ReadInput(header, 0, 4);
            if (ReadLE32(header, 0) != contentHash.Digest())
            {
                throw Corrupt("content checksum mismatch");
            }
        }

        // Like the reference decoder, a declared size of 0 means "unknown".
        if (contentSize != 0 && frameOutput != contentSize)
        {
            throw Corrupt("frame decodes to less than its declared content size");
        }

        frames++;
        state = State.FrameStart;
    }

    private void ReadLegacyBlock()
    {
        int n = ReadInputUpTo(header, 0, 4);
        if (n == 0)
        {
            frames++;
            state = State.Done;
            return;
        }

        if (n < 4)
        {
            throw Truncated();
        }

        uint size = ReadLE32(header, 0);
        if (size > LegacyMaxCompressedSize)
        {
            // A legacy frame has no end mark: a value no block can have is the next frame's magic number.
            frames++;
            pendingMagic = size;
            hasPendingMagic = true;
            state = State.FrameStart;
            return;
        }

        if (size == 0)
        {
            throw Corrupt("empty legacy block");
        }

        if (compressed is null || compressed.Length < (int)size)
        {
            compressed = new byte[Math.Max((int)size, Math.Min(2 * (compressed?.Length ?? 0), LegacyMaxCompressedSize))];
        }

        ReadInput(compressed, 0, (int)size);
        outPos = 0;
        outEnd = Lz4BlockDecoder.Decode(compressed, 0, (int)size, window!, 0, LegacyBlockSize, 0);
    }

    private void VerifyBlockChecksum(byte[] data, int offset, int count)
    {
        ReadInput(header, 0, 4);
        if (ReadLE32(header, 0) != Lz4XxHash32.Hash(data, offset, count))
        {
            throw Corrupt("block checksum mismatch");
        }
    }

    private void EnsureBuffers(int compressedSize, int windowSize)
    {
        if (compressed is null || compressed.Length < compressedSize)
        {
            compressed = new byte[compressedSize];
        }

        if (window is null || window.Length < windowSize)
        {
            window = new byte[windowSize];
        }
    }

    private void SkipBytes(uint count)
    {
        byte[] scratch = compressed ??= new byte[HistorySize];
        long left = count;
        while (left > 0)
        {
            int n = input.Read(scratch, 0, (int)Math.Min(left, scratch.Length));
            if (n <= 0)
            {
                throw Truncated();
            }

            left -= n;
        }
    }

    private void ReadInput(byte[] buffer, int offset, int count)
    {
        if (ReadInputUpTo(buffer, offset, count) < count)
        {
            throw Truncated();
        }
    }

    private int ReadInputUpTo(byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = input.Read(buffer, offset + total, count - total);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
