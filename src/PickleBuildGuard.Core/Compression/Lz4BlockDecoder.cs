using System;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Compression;

/// <summary>
/// The LZ4 block format: sequences of (token, literal length, literals, 2-byte offset, match length) ending with a
/// literals-only sequence. Every length, offset and position is checked against the input and output bounds, so
/// corrupt input fails with <see cref="System.IO.InvalidDataException"/> and never reads or writes out of range.
/// </summary>
internal static class Lz4BlockDecoder
{
    /// <summary>
    /// Decodes <paramref name="source"/>[<paramref name="sourceOffset"/>..+<paramref name="sourceCount"/>) into
    /// <paramref name="destination"/> from <paramref name="destinationOffset"/>, never writing at or past
    /// <paramref name="destinationLimit"/>; matches may reach back to <paramref name="historyStart"/> (earlier bytes of
    /// the frame for linked blocks, the block's own start otherwise). Returns the end of the decoded bytes.
    /// </summary>
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public static int Decode(
        byte[] source,
        int sourceOffset,
        int sourceCount,
        byte[] destination,
        int destinationOffset,
        int destinationLimit,
        int historyStart)
    {
        int sp = sourceOffset;
        int send = sourceOffset + sourceCount;
        int dp = destinationOffset;
        int dend = destinationLimit;
        if (sp >= send)
        {
            throw Lz4FrameDecoderStream.Corrupt("empty compressed block");
        }

        while (true)
        {
            int token = source[sp++];

            // Literals.
            int length = token >> 4;
            if (length == 15)
            {
                length = ReadLength(source, ref sp, send, length, dend - dp);
            }

            if (length > send - sp)
            {
                throw Lz4FrameDecoderStream.Corrupt("literals run past the end of the block");
            }

            if (length > dend - dp)
            {
                throw Lz4FrameDecoderStream.Corrupt("block decodes to more than the maximum block size");
            }

            if (length <= 16)
            {
                for (int i = 0; i < length; i++)
                {
                    destination[dp + i] = source[sp + i];
                }
            }
            else
            {
                Buffer.BlockCopy(source, sp, destination, dp, length);
            }

            sp += length;
            dp += length;
            if (sp == send)
            {
                return dp;
            }

            // Match.
            if (send - sp < 2)
            {
                throw Lz4FrameDecoderStream.Corrupt("match offset cut off by the end of the block");
            }

            int offset = source[sp] | (source[sp + 1] << 8);
            sp += 2;
            if (offset == 0 || offset > dp - historyStart)
            {
                throw Lz4FrameDecoderStream.Corrupt("match offset points before the start of the data");
            }

            length = token & 15;
            if (length == 15)
            {
                length = ReadLength(source, ref sp, send, length, dend - dp);
            }

            length += 4;
            if (length > dend - dp)
            {
                throw Lz4FrameDecoderStream.Corrupt("block decodes to more than the maximum block size");
            }

            CopyMatch(destination, dp, offset, length);
            dp += length;
            if (sp == send)
            {
                throw Lz4FrameDecoderStream.Corrupt("block ends with a match instead of literals");
            }
        }
    }

    private static int ReadLength(byte[] source, ref int sp, int send, int length, int max)
    {
        int b;
        do
        {
            if (sp >= send)
            {
                throw Lz4FrameDecoderStream.Corrupt("length cut off by the end of the block");
            }

            b = source[sp++];
            length += b;
            if (length > max)
            {
                throw Lz4FrameDecoderStream.Corrupt("block decodes to more than the maximum block size");
            }
        }
        while (b == 255);

        return length;
    }

    private static void CopyMatch(byte[] buffer, int dp, int offset, int length)
    {
        int from = dp - offset;
        if (length <= 32)
        {
            // Forward byte copy also reproduces overlapping (offset < length) patterns.
            for (int i = 0; i < length; i++)
            {
                buffer[dp + i] = buffer[from + i];
            }

            return;
        }

        if (offset >= length)
        {
            Buffer.BlockCopy(buffer, from, buffer, dp, length);
            return;
        }

        if (offset == 1)
        {
            byte value = buffer[from];
#if NET
            Array.Fill(buffer, value, dp, length);
#else
            for (int i = 0; i < length; i++)
            {
                buffer[dp + i] = value;
            }
#endif
            return;
        }

        // Periodic pattern: copy it in doubling, non-overlapping chunks that keep the phase.
        int copied = 0;
        while (copied < length)
        {
            int chunk = Math.Min(length - copied, copied + offset);
            Buffer.BlockCopy(buffer, from, buffer, dp + copied, chunk);
            copied += chunk;
        }
    }
}
