using System;
using System.Runtime.CompilerServices;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Pickle;

/// <summary>
/// The fast path of <see cref="OpcodeReader"/>: opcodes with no argument or a small fixed-width integer argument
/// (most of an opcode-dense stream: BININT1, MARK, APPENDS, BINPUT…), read straight from the bytes already in the
/// reader's buffer. The machine's loop holds this struct as a local, so the position lives in a register instead of
/// being stored and reloaded through the cursor for every opcode. It declines (returns false) whenever the general
/// reader must decide: any other argument, STOP and BUILD (after them the caller uses the cursor's position), and the
/// last bytes before the end of the buffer or of the current FRAME (an opcode there may be cut or cross the frame).
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

    /// <param name="cursor">The reader's cursor; kept at the position after every opcode read here.</param>
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
        if (width > 0)
        {
            op.IsBigInteger = false;
            op.Int = width switch
            {
                1 => buffer[i + 1],
                2 => buffer[i + 1] | (buffer[i + 2] << 8),
                _ => info.Argument == ArgumentKind.Int4 ? ReadInt32(buffer, i + 1) : (uint)ReadInt32(buffer, i + 1),
            };
        }

        index = i + 1 + width;
        cursor.MoveTo(index);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadInt32(byte[] b, int i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

    private static sbyte[] BuildArgumentBytes()
    {
        var bytes = new sbyte[256];
        for (int code = 0; code < bytes.Length; code++)
        {
            OpcodeInfo? info = OpcodeTable.Find((byte)code);
            bool general = info is null || info.FixedArgumentBytes < 0 || info.Behavior is OpcodeBehavior.Stop or OpcodeBehavior.Build;
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
