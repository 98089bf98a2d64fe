using System.Collections.Generic;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>An opcode found by <see cref="PickleOpcodeWalker"/>: where it is and where its length field is, if any.</summary>
public readonly record struct OpcodeSite(int Offset, byte Code, int LengthFieldOffset, int LengthFieldWidth, int End);

/// <summary>
/// A minimal opcode walker of the fuzzer's own (independent of the engine under test): it finds opcode boundaries
/// and the length fields of BINBYTES8, BINUNICODE8, FRAME, LONG4 and the rest, so mutators can aim at them.
/// </summary>
public static class PickleOpcodeWalker
{
    /// <summary>The length-prefixed opcodes: code and width of the length field that precedes their data.</summary>
    public static readonly IReadOnlyDictionary<byte, int> LengthPrefixed = new Dictionary<byte, int>
    {
        [(byte)'T'] = 4, // BINSTRING
        [(byte)'U'] = 1, // SHORT_BINSTRING
        [(byte)'B'] = 4, // BINBYTES
        [(byte)'C'] = 1, // SHORT_BINBYTES
        [0x8e] = 8, // BINBYTES8
        [0x96] = 8, // BYTEARRAY8
        [0x8c] = 1, // SHORT_BINUNICODE
        [(byte)'X'] = 4, // BINUNICODE
        [0x8d] = 8, // BINUNICODE8
        [0x8a] = 1, // LONG1
        [0x8b] = 4, // LONG4
    };

    private static readonly Dictionary<byte, int> FixedArguments = new()
    {
        [(byte)'J'] = 4, [(byte)'K'] = 1, [(byte)'M'] = 2, [(byte)'G'] = 8, [(byte)'h'] = 1, [(byte)'j'] = 4,
        [(byte)'q'] = 1, [(byte)'r'] = 4, [0x82] = 1, [0x83] = 2, [0x84] = 4, [0x80] = 1,
    };

    private static readonly HashSet<byte> OneLine = new() { (byte)'I', (byte)'L', (byte)'F', (byte)'S', (byte)'V', (byte)'P', (byte)'g', (byte)'p' };

    private static readonly HashSet<byte> TwoLines = new() { (byte)'c', (byte)'i' };

    private static readonly HashSet<byte> NoArgument = new()
    {
        (byte)'(', (byte)'.', (byte)'0', (byte)'1', (byte)'2', (byte)'N', (byte)'R', (byte)'a', (byte)'b', (byte)'d', (byte)'}',
        (byte)'e', (byte)'l', (byte)']', (byte)'o', (byte)'s', (byte)'t', (byte)')', (byte)'u', (byte)'Q',
        0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98,
    };

    /// <summary>Opcodes from <paramref name="start"/> until an unknown byte or the end (across concatenated pickles).</summary>
    public static List<OpcodeSite> Walk(byte[] data, int start = 0, int maxOpcodes = 1 << 20)
    {
        var sites = new List<OpcodeSite>();
        int position = start;
        while (position < data.Length && sites.Count < maxOpcodes)
        {
            byte code = data[position];
            int argument = position + 1;
            int end;
            if (code == 0x95)
            {
                // FRAME: an 8-byte length, then the framed opcodes themselves (walked as usual).
                end = argument + 8;
                if (end > data.Length)
                {
                    break;
                }

                sites.Add(new OpcodeSite(position, code, argument, 8, end));
                position = end;
                continue;
            }

            if (LengthPrefixed.TryGetValue(code, out int width))
            {
                if (argument + width > data.Length)
                {
                    break;
                }

                long length = ReadLittleEndian(data, argument, width);
                if (length < 0 || argument + width + length > data.Length)
                {
                    break;
                }

                end = argument + width + (int)length;
                sites.Add(new OpcodeSite(position, code, argument, width, end));
            }
            else if (FixedArguments.TryGetValue(code, out int size))
            {
                end = argument + size;
                if (end > data.Length)
                {
                    break;
                }

                sites.Add(new OpcodeSite(position, code, -1, 0, end));
            }
            else if (OneLine.Contains(code) || TwoLines.Contains(code))
            {
                end = argument;
                for (int lines = TwoLines.Contains(code) ? 2 : 1; lines > 0; lines--)
                {
                    int newline = System.Array.IndexOf(data, (byte)'\n', end);
                    if (newline < 0)
                    {
                        return sites;
                    }

                    end = newline + 1;
                }

                sites.Add(new OpcodeSite(position, code, -1, 0, end));
            }
            else if (NoArgument.Contains(code))
            {
                end = argument;
                sites.Add(new OpcodeSite(position, code, -1, 0, end));
            }
            else
            {
                break;
            }

            position = end;
        }

        return sites;
    }

    public static long ReadLittleEndian(byte[] data, int offset, int width)
    {
        ulong value = 0;
        for (int i = width - 1; i >= 0; i--)
        {
            value = (value << 8) | data[offset + i];
        }

        return value > long.MaxValue ? -1 : (long)value;
    }

    public static void WriteLittleEndian(byte[] data, int offset, int width, ulong value)
    {
        for (int i = 0; i < width && offset + i < data.Length; i++)
        {
            data[offset + i] = (byte)(value >> (8 * i));
        }
    }
}
