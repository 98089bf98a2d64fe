using System.Collections.Generic;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Finds the length, size, count and offset fields of every format the scanner opens: pickle opcodes (BINBYTES8,
/// BINUNICODE8, FRAME, LONG4…), zip local and central headers, end records, zip64 records and extra fields, the
/// .npy header length, tar sizes, the safetensors header length, gzip/lz4/xz/7z size fields. Signatures are searched
/// everywhere, so records of an archive nested as a stored member are found too.
/// </summary>
public static class LengthFieldLocator
{
    public static List<LengthField> Find(byte[] data)
    {
        var fields = new List<LengthField>();
        AddPickleFields(data, PickleStart(data), fields);
        AddNpy(data, fields);
        AddSafetensors(data, fields);
        AddCompressionHeaders(data, fields);
        for (int i = 0; i + 4 <= data.Length; i++)
        {
            if (data[i] == 0x50 && data[i + 1] == 0x4B)
            {
                AddZipRecord(data, i, fields);
            }
            else if (i + 262 <= data.Length && i % 512 == 0 && data[i + 257] == 'u' && data[i + 258] == 's' && data[i + 259] == 't' && data[i + 260] == 'a' && data[i + 261] == 'r')
            {
                fields.Add(new LengthField("tar size", i + 124, 12, FieldEncoding.TarOctal));
            }
        }

        return fields;
    }

    // A .npy with an object dtype has its pickle right after the header; anything else is walked from its first byte.
    private static int PickleStart(byte[] data)
    {
        if (data.Length > 10 && data[0] == 0x93 && data[1] == 'N')
        {
            int length = data[6] == 1 ? data[8] | (data[9] << 8) : data.Length >= 12 ? data[8] | (data[9] << 8) | (data[10] << 16) | (data[11] << 24) : 0;
            long start = (data[6] == 1 ? 10L : 12L) + (uint)length;
            return start < data.Length ? (int)start : data.Length;
        }

        return 0;
    }

    private static void AddPickleFields(byte[] data, int start, List<LengthField> fields)
    {
        foreach (var site in PickleOpcodeWalker.Walk(data, start))
        {
            if (site.LengthFieldWidth > 0)
            {
                fields.Add(new LengthField(OpcodeName(site.Code), site.LengthFieldOffset, site.LengthFieldWidth, FieldEncoding.LittleEndian));
            }
        }
    }

    private static void AddNpy(byte[] data, List<LengthField> fields)
    {
        if (data.Length >= 12 && data[0] == 0x93 && data[1] == 'N' && data[2] == 'U' && data[3] == 'M' && data[4] == 'P' && data[5] == 'Y')
        {
            fields.Add(new LengthField("npy header length", 8, data[6] == 1 ? 2 : 4, FieldEncoding.LittleEndian));
        }
    }

    private static void AddSafetensors(byte[] data, List<LengthField> fields)
    {
        if (data.Length > 9 && data[8] == '{')
        {
            fields.Add(new LengthField("safetensors header length", 0, 8, FieldEncoding.LittleEndian));
        }
    }

    private static void AddCompressionHeaders(byte[] data, List<LengthField> fields)
    {
        if (data.Length >= 18 && data[0] == 0x1F && data[1] == 0x8B)
        {
            fields.Add(new LengthField("gzip ISIZE", data.Length - 4, 4, FieldEncoding.LittleEndian));
            if ((data[3] & 4) != 0)
            {
                fields.Add(new LengthField("gzip XLEN", 10, 2, FieldEncoding.LittleEndian));
            }
        }

        if (data.Length >= 11 && data[0] == 0x04 && data[1] == 0x22 && data[2] == 0x4D && data[3] == 0x18)
        {
            bool contentSize = (data[4] & 0x08) != 0;
            if (contentSize)
            {
                fields.Add(new LengthField("lz4 content size", 6, 8, FieldEncoding.LittleEndian));
            }

            int firstBlock = 4 + 2 + (contentSize ? 8 : 0) + ((data[4] & 0x01) != 0 ? 4 : 0) + 1;
            if (firstBlock + 4 <= data.Length)
            {
                fields.Add(new LengthField("lz4 block size", firstBlock, 4, FieldEncoding.LittleEndian));
            }
        }

        if (data.Length >= 24 && data[0] == 0xFD && data[1] == 0x37 && data[^2] == 'Y' && data[^1] == 'Z')
        {
            fields.Add(new LengthField("xz backward size", data.Length - 8, 4, FieldEncoding.LittleEndian));
            fields.Add(new LengthField("xz block header size", 12, 1, FieldEncoding.LittleEndian));
        }

        if (data.Length >= 32 && data[0] == '7' && data[1] == 'z' && data[2] == 0xBC)
        {
            fields.Add(new LengthField("7z next header offset", 12, 8, FieldEncoding.LittleEndian));
            fields.Add(new LengthField("7z next header size", 20, 8, FieldEncoding.LittleEndian));
        }
    }

    private static void AddZipRecord(byte[] data, int at, List<LengthField> fields)
    {
        int kind = data[at + 2] | (data[at + 3] << 8);
        switch (kind)
        {
            case 0x0403 when at + 30 <= data.Length:
                fields.Add(new LengthField("zip local compressed size", at + 18, 4, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip local uncompressed size", at + 22, 4, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip local name length", at + 26, 2, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip local extra length", at + 28, 2, FieldEncoding.LittleEndian));
                AddZip64Extra(data, at + 30 + (data[at + 26] | (data[at + 27] << 8)), data[at + 28] | (data[at + 29] << 8), fields);
                break;
            case 0x0201 when at + 46 <= data.Length:
                fields.Add(new LengthField("zip central compressed size", at + 20, 4, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip central uncompressed size", at + 24, 4, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip central name length", at + 28, 2, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip central extra length", at + 30, 2, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip central comment length", at + 32, 2, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip central local header offset", at + 42, 4, FieldEncoding.LittleEndian));
                AddZip64Extra(data, at + 46 + (data[at + 28] | (data[at + 29] << 8)), data[at + 30] | (data[at + 31] << 8), fields);
                break;
            case 0x0605 when at + 22 <= data.Length:
                fields.Add(new LengthField("zip end entries on disk", at + 8, 2, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip end entries", at + 10, 2, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip end directory size", at + 12, 4, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip end directory offset", at + 16, 4, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip end comment length", at + 20, 2, FieldEncoding.LittleEndian));
                break;
            case 0x0606 when at + 56 <= data.Length:
                fields.Add(new LengthField("zip64 end record size", at + 4, 8, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip64 end entries", at + 32, 8, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip64 end directory size", at + 40, 8, FieldEncoding.LittleEndian));
                fields.Add(new LengthField("zip64 end directory offset", at + 48, 8, FieldEncoding.LittleEndian));
                break;
            case 0x0706 when at + 20 <= data.Length:
                fields.Add(new LengthField("zip64 locator record offset", at + 8, 8, FieldEncoding.LittleEndian));
                break;
            case 0x0807 when at + 16 <= data.Length:
                fields.Add(new LengthField("zip data descriptor compressed size", at + 8, 4, FieldEncoding.LittleEndian));
                break;
        }
    }

    private static void AddZip64Extra(byte[] data, int start, int length, List<LengthField> fields)
    {
        int end = System.Math.Min(data.Length, start + length);
        for (int position = start; position + 4 <= end;)
        {
            int id = data[position] | (data[position + 1] << 8);
            int size = data[position + 2] | (data[position + 3] << 8);
            if (id == 1)
            {
                for (int field = position + 4; field + 8 <= System.Math.Min(end, position + 4 + size); field += 8)
                {
                    fields.Add(new LengthField("zip64 extra field", field, 8, FieldEncoding.LittleEndian));
                }
            }

            position += 4 + size;
        }
    }

    private static string OpcodeName(byte code) => code switch
    {
        (byte)'T' => "BINSTRING length",
        (byte)'U' => "SHORT_BINSTRING length",
        (byte)'B' => "BINBYTES length",
        (byte)'C' => "SHORT_BINBYTES length",
        0x8e => "BINBYTES8 length",
        0x96 => "BYTEARRAY8 length",
        0x8c => "SHORT_BINUNICODE length",
        (byte)'X' => "BINUNICODE length",
        0x8d => "BINUNICODE8 length",
        0x8a => "LONG1 length",
        0x8b => "LONG4 length",
        0x95 => "FRAME length",
        _ => $"opcode 0x{code:x2} length",
    };
}
