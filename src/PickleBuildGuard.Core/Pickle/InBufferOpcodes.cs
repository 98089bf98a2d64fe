using System.Runtime.CompilerServices;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Pickle;

/// <summary>
/// The fast path of <see cref="OpcodeReader"/>: data opcodes (<see cref="OpcodeInfo.BuildsData"/>) with no argument or
/// a small fixed-width integer argument (most of an opcode-dense stream: BININT1, MARK, APPENDS, BINPUT…), read straight
/// from the bytes already in the reader's buffer. The machine's loop holds this struct as a local, so the position
/// lives in a register instead of being stored and reloaded through the cursor for every opcode. It declines (returns
/// false) whenever the general reader must decide: any other opcode or argument, and the last bytes before the end of
/// the buffer or of the current FRAME (an opcode there may be cut or cross the frame).
/// </summary>
internal struct InBufferOpcodes
{
    /// <summary>The longest opcode read here: the opcode byte and a four-byte argument.</summary>
    public const int MaxOpcodeBytes = 5;

    // Per opcode byte: the bytes of its argument when this path reads it, else -1. Derived from the opcode table.
    private static readonly sbyte[] ArgumentBytes = BuildArgumentBytes();

    private static readonly OpcodeInfo?[] Table = BuildTable();

    private readonly ByteCursor cursor;
    private readonly byte[] buffer;
    private readonly long offsetBase;

    // No opcode read here starts at or after this buffer index.
    private readonly int end;
    private int index;

    /// <param name="cursor">The reader's cursor; moved past what was read here by <see cref="Commit"/>.</param>
    /// <param name="limit">Buffer index this path must not read up to: the end of the valid bytes, or of the current FRAME.</param>
    /// <param name="offsetBase">What to add to a buffer index to get the opcode's offset (<see cref="PickleOp.Offset"/>).</param>
    public InBufferOpcodes(ByteCursor cursor, int limit, long offsetBase)
    {
        this.cursor = cursor;
        buffer = cursor.Buffer;
        index = cursor.BufferIndex;
        this.offsetBase = offsetBase;

        // An opcode starting before `end` ends (at most MaxOpcodeBytes later) strictly before `limit`: it is whole, and
        // it neither reaches nor crosses a frame end (the general reader tracks that).
        end = limit - MaxOpcodeBytes;
    }

    /// <summary>Reads the next opcode into <paramref name="op"/> (its <see cref="PickleOp.Info"/>, <see cref="PickleOp.Offset"/> and integer argument); false when the general reader must read it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(ref PickleOp op)
    {
        int i = index;
        if (i >= end)
        {
            return false;
        }

        byte code = buffer[i];
        int width = ArgumentBytes[code];
        if (width < 0)
        {
            return false;
        }

        OpcodeInfo info = Table[code]!;
        op.Info = info;
        op.Offset = offsetBase + i;

        // Each width advances by a constant: the next opcode's position then depends on a (well predicted) branch,
        // not on the table load, so the processor need not wait for that load before reading on.
        switch (width)
        {
            case 0:
                index = i + 1;
                break;
            case 1:
                op.IsBigInteger = false;
                op.Int = buffer[i + 1];
                index = i + 2;
                break;
            case 2:
                op.IsBigInteger = false;
                op.Int = buffer[i + 1] | (buffer[i + 2] << 8);
                index = i + 3;
                break;
            default:
                op.IsBigInteger = false;
                int value = ReadInt32(buffer, i + 1);
                op.Int = info.Argument == ArgumentKind.Int4 ? value : (uint)value;
                index = i + 5;
                break;
        }

        return true;
    }

    /// <summary>Moves the reader's cursor past the opcodes read here (before anything else reads from it).</summary>
    public readonly void Commit() => cursor.MoveTo(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadInt32(byte[] b, int i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

    private static sbyte[] BuildArgumentBytes()
    {
        var bytes = new sbyte[256];
        for (int code = 0; code < bytes.Length; code++)
        {
            OpcodeInfo? info = OpcodeTable.Find((byte)code);
            bool general = info is null || info.FixedArgumentBytes < 0 || !info.BuildsData;
            bytes[code] = general ? (sbyte)-1 : (sbyte)info!.FixedArgumentBytes;
        }

        return bytes;
    }

    private static OpcodeInfo?[] BuildTable()
    {
        var table = new OpcodeInfo?[256];
        for (int code = 0; code < table.Length; code++)
        {
            table[code] = OpcodeTable.Find((byte)code);
        }

        return table;
    }
}
