using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Pickle;

/// <summary>
/// Reads opcodes and their arguments from one pickle stream, as <c>pickletools.genops</c> does, without ever copying
/// a large argument: data past the inspection window is skipped. Tracks FRAME boundaries and reports an opcode
/// that crosses one (loaders disagree about such streams).
/// </summary>
internal sealed class OpcodeReader
{
    /// <summary>Strings up to this many bytes are decoded into text; longer ones are only inspected as bytes.</summary>
    public const int MaxMaterializedBytes = 512;

    private static readonly OpcodeInfo?[] Table = BuildTable();
    private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly ByteCursor cursor;
    private readonly long streamStart;
    private readonly int maxLineLength;
    private readonly int inspectBytes;
    private long frameEnd = -1;

    /// <param name="cursor">Positioned at the first opcode.</param>
    /// <param name="maxLineLength">Longest protocol-0 text argument.</param>
    /// <param name="inspectBytes">Bytes of a string/bytes value made visible for inspection.</param>
    /// <param name="origin">Source offset that reported offsets are relative to (the start of the scanned range); the cursor position when null.</param>
    public OpcodeReader(ByteCursor cursor, int maxLineLength, int inspectBytes, long? origin = null)
    {
        this.cursor = cursor;
        streamStart = origin ?? cursor.Position;
        this.maxLineLength = maxLineLength;
        this.inspectBytes = inspectBytes;
    }

    /// <summary>Offset, from the origin, of the next byte to read.</summary>
    public long Position => cursor.Position - streamStart;

    /// <summary>Set when the last opcode crossed the end of its FRAME: the frame's end offset (stream-relative); else -1.</summary>
    public long FrameCrossedAt { get; private set; } = -1;

    /// <summary>Set when a FRAME began before the previous frame was consumed; else false.</summary>
    public bool FrameNested { get; private set; }

    /// <summary>Bytes the last FRAME declared beyond the end of the input (0 when it fits).</summary>
    public long FrameOverrun { get; private set; }

    /// <summary>Bytes that remained when a counted argument was found truncated (its length is <see cref="PickleOp.DataLength"/>).</summary>
    public long TruncatedRemaining { get; private set; }

    /// <summary>Why the last read returned <see cref="ReadStatus.InvalidArgument"/>.</summary>
    public string? Problem { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadStatus Next(ref PickleOp op)
    {
        op.Offset = cursor.Position - streamStart;
        int b = cursor.ReadByte();
        if (b < 0)
        {
            return ReadStatus.End;
        }

        OpcodeInfo? info = Table[b];
        if (info is null)
        {
            op.Int = b;
            return ReadStatus.InvalidOpcode;
        }

        op.Info = info;
        int width = info.FixedArgumentBytes;
        ReadStatus status;
        if (width == 0)
        {
            status = ReadStatus.Ok;
        }
        else if (width > 0 && cursor.Ensure(width))
        {
            // Small integer arguments (BININT1, BINPUT, BINGET…) are most of an opcode-dense stream: decoded here,
            // without the general argument switch.
            ReadFixedInteger(info, width, ref op);
            status = ReadStatus.Ok;
        }
        else
        {
            status = ReadArgument(info, ref op);
        }

        if (frameEnd >= 0 && status == ReadStatus.Ok)
        {
            CheckFrame(info);
        }

        return status;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadFixedInteger(OpcodeInfo info, int width, ref PickleOp op)
    {
        op.DataLength = 0;
        op.Text = null;
        op.Name = null;
        op.DataOffset = -1;
        op.IsBigInteger = false;
        op.WindowLength = 0;
        byte[] buffer = cursor.Buffer;
        int index = cursor.BufferIndex;
        op.Int = width switch
        {
            1 => buffer[index],
            2 => ReadUInt16(buffer, index),
            _ => info.Argument == ArgumentKind.Int4 ? (int)ReadUInt32(buffer, index) : ReadUInt32(buffer, index),
        };
        cursor.Advance(width);
    }

    /// <summary>
    /// The fast path over the bytes now in the buffer, up to the end of the current FRAME; valid until the next call
    /// of any other method of this reader (which may refill or move the buffer).
    /// </summary>
    public InBufferOpcodes InBuffer()
    {
        int limit = cursor.BufferLimit;
        long bufferStart = cursor.Position - cursor.BufferIndex;
        if (frameEnd >= 0)
        {
            limit = (int)Math.Max(0, Math.Min(limit, frameEnd + streamStart - bufferStart));
        }

        return new InBufferOpcodes(cursor, limit, bufferStart - streamStart);
    }

    /// <summary>Reads one byte that is not an opcode (data a loader reads from the stream itself); -1 at the end.</summary>
    public int ReadRawByte() => cursor.ReadByte();

    /// <summary>Reads a little-endian integer of <paramref name="size"/> bytes that is not an opcode; false at the end.</summary>
    public bool TryReadRawInteger(int size, out long value)
    {
        value = 0;
        if (!cursor.Ensure(size))
        {
            return false;
        }

        for (int i = size - 1; i >= 0; i--)
        {
            value = (value << 8) | cursor.Buffer[cursor.BufferIndex + i];
        }

        if (size == 4)
        {
            value = (int)value;
        }

        cursor.Advance(size);
        return true;
    }

    /// <summary>Skips data a loader reads from the stream itself (joblib array bytes); false when the input ends first.</summary>
    public bool SkipRaw(long count)
    {
        if (count > cursor.Remaining)
        {
            cursor.Skip(cursor.Remaining);
            return false;
        }

        cursor.Skip(count);
        return true;
    }

    /// <summary>Clears the frame/crossing state after the caller has acted on it.</summary>
    public void AcknowledgeFrameIssue()
    {
        FrameCrossedAt = -1;
        FrameNested = false;
        FrameOverrun = 0;
    }

    private void CheckFrame(OpcodeInfo info)
    {
        long end = Position;
        if (info.Behavior == OpcodeBehavior.Frame)
        {
            return;
        }

        if (end > frameEnd)
        {
            FrameCrossedAt = frameEnd;
            frameEnd = -1;
        }
        else if (end == frameEnd)
        {
            frameEnd = -1;
        }
    }

    private ReadStatus ReadArgument(OpcodeInfo info, ref PickleOp op)
    {
        op.DataLength = 0;
        op.Text = null;
        op.Name = null;
        op.DataOffset = -1;
        op.IsBigInteger = false;
        op.WindowLength = 0;
        switch (info.Argument)
        {
            case ArgumentKind.UInt1:
                if (!cursor.Ensure(1))
                {
                    return ReadStatus.Truncated;
                }

                op.Int = cursor.Buffer[cursor.BufferIndex];
                cursor.Advance(1);
                return ReadStatus.Ok;
            case ArgumentKind.UInt2:
                if (!cursor.Ensure(2))
                {
                    return ReadStatus.Truncated;
                }

                op.Int = ReadUInt16(cursor.Buffer, cursor.BufferIndex);
                cursor.Advance(2);
                return ReadStatus.Ok;
            case ArgumentKind.Int4:
                if (!cursor.Ensure(4))
                {
                    return ReadStatus.Truncated;
                }

                op.Int = (int)ReadUInt32(cursor.Buffer, cursor.BufferIndex);
                cursor.Advance(4);
                return ReadStatus.Ok;
            case ArgumentKind.UInt4:
                if (!cursor.Ensure(4))
                {
                    return ReadStatus.Truncated;
                }

                op.Int = ReadUInt32(cursor.Buffer, cursor.BufferIndex);
                cursor.Advance(4);
                return ReadStatus.Ok;
            case ArgumentKind.UInt8:
                if (!cursor.Ensure(8))
                {
                    return ReadStatus.Truncated;
                }

                ulong value = ReadUInt64(cursor.Buffer, cursor.BufferIndex);
                cursor.Advance(8);
                op.Int = value > long.MaxValue ? long.MaxValue : (long)value;
                if (info.Behavior == OpcodeBehavior.Frame)
                {
                    return StartFrame(op.Int);
                }

                return ReadStatus.Ok;
            case ArgumentKind.Float8:
                if (!cursor.Ensure(8))
                {
                    return ReadStatus.Truncated;
                }

                op.Float = BitConverter.Int64BitsToDouble((long)ReadUInt64BigEndian(cursor.Buffer, cursor.BufferIndex));
                cursor.Advance(8);
                return ReadStatus.Ok;
            case ArgumentKind.Long1:
                return ReadLongBytes(1, ref op);
            case ArgumentKind.Long4:
                return ReadLongBytes(4, ref op);
            case ArgumentKind.String1:
            case ArgumentKind.Bytes1:
            case ArgumentKind.Unicode1:
                return ReadCounted(info.Argument, 1, ref op);
            case ArgumentKind.String4:
            case ArgumentKind.Bytes4:
            case ArgumentKind.Unicode4:
                return ReadCounted(info.Argument, 4, ref op);
            case ArgumentKind.Bytes8:
            case ArgumentKind.ByteArray8:
            case ArgumentKind.Unicode8:
                return ReadCounted(info.Argument, 8, ref op);
            case ArgumentKind.DecimalLine:
                return ReadDecimalLine(ref op, allowLongSuffix: false);
            case ArgumentKind.LongLine:
                return ReadDecimalLine(ref op, allowLongSuffix: true);
            case ArgumentKind.FloatLine:
                return ReadFloatLine(ref op);
            case ArgumentKind.QuotedStringLine:
                return ReadQuotedStringLine(ref op);
            case ArgumentKind.UnicodeLine:
                return ReadUnicodeLine(ref op);
            case ArgumentKind.NameLine:
                return ReadNameLine(ref op);
            case ArgumentKind.NamePair:
                return ReadNamePair(ref op);
            default:
                return ReadStatus.Ok;
        }
    }

    private ReadStatus StartFrame(long length)
    {
        if (frameEnd >= 0 && Position - 9 < frameEnd)
        {
            FrameNested = true;
        }

        // A frame longer than the input: the stream is truncated (CPython's unpickler reads the whole frame first and
        // fails). The frame is still tracked, so a FRAME inside it is seen as nested, and reading goes on so a payload
        // inside is seen too (Python's pure unpickler runs what there is).
        long remaining = cursor.Remaining;
        FrameOverrun = length > remaining ? length - remaining : 0;
        frameEnd = Position + Math.Min(length, long.MaxValue - Position);
        return ReadStatus.Ok;
    }

    private ReadStatus ReadLongBytes(int lengthSize, ref PickleOp op)
    {
        if (!TryReadLength(lengthSize, signed: lengthSize == 4, out long length, out ReadStatus status))
        {
            return status;
        }

        if (length > cursor.Remaining)
        {
            cursor.Skip(cursor.Remaining);
            return ReadStatus.Truncated;
        }

        op.DataLength = length;
        if (length <= 8 && cursor.Ensure((int)length))
        {
            long result = 0;
            for (int i = (int)length - 1; i >= 0; i--)
            {
                result = (result << 8) | cursor.Buffer[cursor.BufferIndex + i];
            }

            if (length > 0 && length < 8 && (cursor.Buffer[cursor.BufferIndex + (int)length - 1] & 0x80) != 0)
            {
                result -= 1L << (int)(8 * length);
            }

            op.Int = result;
            cursor.Advance((int)length);
        }
        else
        {
            op.IsBigInteger = true;
            op.Int = 0;
            cursor.Skip(length);
        }

        return ReadStatus.Ok;
    }

    private bool TryReadLength(int size, bool signed, out long length, out ReadStatus status)
    {
        length = 0;
        status = ReadStatus.Ok;
        if (!cursor.Ensure(size))
        {
            cursor.Skip(cursor.Remaining);
            status = ReadStatus.Truncated;
            return false;
        }

        byte[] buffer = cursor.Buffer;
        int index = cursor.BufferIndex;
        switch (size)
        {
            case 1:
                length = buffer[index];
                break;
            case 4:
                length = signed ? (int)ReadUInt32(buffer, index) : ReadUInt32(buffer, index);
                break;
            default:
                ulong value = ReadUInt64(buffer, index);
                length = value > long.MaxValue ? long.MaxValue : (long)value;
                break;
        }

        cursor.Advance(size);
        if (length < 0)
        {
            Problem = $"negative length {length}";
            status = ReadStatus.InvalidArgument;
            return false;
        }

        return true;
    }

    private ReadStatus ReadCounted(ArgumentKind kind, int lengthSize, ref PickleOp op)
    {
        bool signed = kind == ArgumentKind.String4;
        if (!TryReadLength(lengthSize, signed, out long length, out ReadStatus status))
        {
            return status;
        }

        op.DataLength = length;
        op.DataOffset = cursor.Position;
        if (length > cursor.Remaining)
        {
            TruncatedRemaining = cursor.Remaining;
            // Inspect what is there (a payload may sit inside a lying length field), then report truncation.
            CaptureWindow(Math.Min(cursor.Remaining, inspectBytes), ref op);
            cursor.Skip(cursor.Remaining);
            return ReadStatus.Truncated;
        }

        int visible = (int)Math.Min(length, inspectBytes);
        if (length <= MaxMaterializedBytes && cursor.Ensure((int)length))
        {
            op.Window = cursor.Buffer;
            op.WindowIndex = cursor.BufferIndex;
            op.WindowLength = (int)length;
            if (kind is ArgumentKind.Unicode1 or ArgumentKind.Unicode4 or ArgumentKind.Unicode8)
            {
                op.Text = Utf8.GetString(cursor.Buffer, cursor.BufferIndex, (int)length);
            }
            else if (kind is ArgumentKind.String1 or ArgumentKind.String4)
            {
                op.Text = Latin1.GetString(cursor.Buffer, cursor.BufferIndex, (int)length);
            }

            cursor.Advance((int)length);
            return ReadStatus.Ok;
        }

        long skipFrom = cursor.Position;
        CaptureWindow(visible, ref op);
        cursor.Seek(skipFrom + length);
        return ReadStatus.Ok;
    }

    // Makes the first bytes of a value visible without consuming them; in place for in-memory input.
    private void CaptureWindow(long count, ref PickleOp op)
    {
        int n = (int)Math.Min(count, cursor.Remaining);
        op.Window = cursor.Buffer;
        op.WindowIndex = cursor.BufferIndex;
        op.WindowLength = cursor.Ensure(n) ? n : 0;
        op.Window = cursor.Buffer;
        op.WindowIndex = cursor.BufferIndex;
    }

    private bool TryReadLine(out int start, out int length, out ReadStatus status)
    {
        int newline = cursor.FindNewline(maxLineLength);
        if (newline < 0)
        {
            start = length = 0;
            if (cursor.Remaining <= maxLineLength)
            {
                cursor.Skip(cursor.Remaining);
                status = ReadStatus.Truncated;
            }
            else
            {
                Problem = $"line argument longer than {maxLineLength} bytes";
                status = ReadStatus.InvalidArgument;
            }

            return false;
        }

        start = cursor.BufferIndex;
        length = newline - start;
        cursor.Advance(length + 1);
        status = ReadStatus.Ok;
        return true;
    }

    // STRING/UNICODE values may be any length (a 10 MB string at protocol 0): past the line limit the first bytes
    // are kept for inspection and the rest of the line is skipped, never held.
    private bool TryReadValueLine(out byte[] data, out int start, out int length, out long totalLength, out ReadStatus status)
    {
        if (TryReadLine(out start, out length, out status))
        {
            data = cursor.Buffer;
            totalLength = length;
            return true;
        }

        data = cursor.Buffer;
        totalLength = 0;
        if (status != ReadStatus.InvalidArgument)
        {
            return false;
        }

        int keep = (int)Math.Min(inspectBytes, cursor.Remaining);
        cursor.Ensure(keep);
        var head = new byte[keep];
        Buffer.BlockCopy(cursor.Buffer, cursor.BufferIndex, head, 0, keep);
        totalLength = cursor.SkipPastNewline();
        if (totalLength < 0)
        {
            status = ReadStatus.Truncated;
            return false;
        }

        int newline = Array.IndexOf(head, (byte)'\n');
        data = head;
        start = 0;
        length = newline >= 0 ? newline : keep;
        status = ReadStatus.Ok;
        Problem = null;
        return true;
    }

    private ReadStatus ReadDecimalLine(ref PickleOp op, bool allowLongSuffix)
    {
        if (!TryReadLine(out int start, out int length, out ReadStatus status))
        {
            return status;
        }

        string text = Latin1.GetString(cursor.Buffer, start, length).Trim();
        if (allowLongSuffix && text.EndsWith("L", StringComparison.Ordinal))
        {
            text = text.Substring(0, text.Length - 1);
        }

        op.Text = text;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            op.Int = value;
            return ReadStatus.Ok;
        }

        if (text.Length > 0 && IsDigits(text))
        {
            op.IsBigInteger = true;
            op.Int = 0;
            return ReadStatus.Ok;
        }

        Problem = $"'{Shorten(text)}' is not a decimal integer";
        return ReadStatus.InvalidArgument;
    }

    private ReadStatus ReadFloatLine(ref PickleOp op)
    {
        if (!TryReadLine(out int start, out int length, out ReadStatus status))
        {
            return status;
        }

        string text = Latin1.GetString(cursor.Buffer, start, length).Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            op.Float = value;
            return ReadStatus.Ok;
        }

        string lower = text.ToLowerInvariant().TrimStart('+', '-');
        if (lower is "nan" or "inf" or "infinity")
        {
            op.Float = double.NaN;
            return ReadStatus.Ok;
        }

        Problem = $"'{Shorten(text)}' is not a float";
        return ReadStatus.InvalidArgument;
    }

    private ReadStatus ReadQuotedStringLine(ref PickleOp op)
    {
        if (!TryReadValueLine(out byte[] buffer, out int start, out int length, out long totalLength, out ReadStatus status))
        {
            return status;
        }

        int end = start + length;
        while (end > start && buffer[end - 1] == (byte)'\r')
        {
            end--;
        }

        bool whole = totalLength == length;
        if (end - start < 2 || (buffer[start] != (byte)'\'' && buffer[start] != (byte)'"') || (whole && buffer[end - 1] != buffer[start]))
        {
            Problem = "STRING argument is not a quoted string";
            return ReadStatus.InvalidArgument;
        }

        if (!whole)
        {
            // Only the head of a very long literal was kept; its closing quote lies past it.
            end += 1;
        }

        op.DataLength = Math.Max(0, totalLength - 2);
        op.Window = buffer;
        op.WindowIndex = start + 1;
        op.WindowLength = (int)Math.Min(Math.Min(op.DataLength, inspectBytes), end - start - 2);
        op.Text = whole ? PythonEscapes.DecodeBytesLiteral(buffer, start + 1, end - start - 2, MaxMaterializedBytes) : null;
        return ReadStatus.Ok;
    }

    private ReadStatus ReadUnicodeLine(ref PickleOp op)
    {
        if (!TryReadValueLine(out byte[] buffer, out int start, out int length, out long totalLength, out ReadStatus status))
        {
            return status;
        }

        op.DataLength = totalLength;
        op.Window = buffer;
        op.WindowIndex = start;
        op.WindowLength = Math.Min(length, inspectBytes);
        op.Text = totalLength == length ? PythonEscapes.DecodeRawUnicodeEscape(buffer, start, length, MaxMaterializedBytes) : null;
        return ReadStatus.Ok;
    }

    private ReadStatus ReadNameLine(ref PickleOp op)
    {
        if (!TryReadLine(out int start, out int length, out ReadStatus status))
        {
            return status;
        }

        op.Text = Utf8.GetString(cursor.Buffer, start, Math.Min(length, MaxMaterializedBytes));
        return ReadStatus.Ok;
    }

    private ReadStatus ReadNamePair(ref PickleOp op)
    {
        if (!TryReadLine(out int start, out int length, out ReadStatus status))
        {
            return status;
        }

        string module = Utf8.GetString(cursor.Buffer, start, length);
        if (!TryReadLine(out start, out length, out status))
        {
            op.Text = module;
            return status;
        }

        op.Text = module;
        op.Name = Utf8.GetString(cursor.Buffer, start, length);
        return ReadStatus.Ok;
    }

    private static bool IsDigits(string text)
    {
        int i = text[0] == '-' || text[0] == '+' ? 1 : 0;
        if (i == text.Length)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ReadUInt16(byte[] b, int i) => (ushort)(b[i] | (b[i + 1] << 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadUInt32(byte[] b, int i) => (uint)(b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));

    private static ulong ReadUInt64(byte[] b, int i) => ReadUInt32(b, i) | ((ulong)ReadUInt32(b, i + 4) << 32);

    private static ulong ReadUInt64BigEndian(byte[] b, int i)
    {
        ulong value = 0;
        for (int k = 0; k < 8; k++)
        {
            value = (value << 8) | b[i + k];
        }

        return value;
    }

    private static OpcodeInfo?[] BuildTable()
    {
        var table = new OpcodeInfo?[256];
        foreach (var op in OpcodeTable.All)
        {
            table[op.Code] = op;
        }

        return table;
    }
}
