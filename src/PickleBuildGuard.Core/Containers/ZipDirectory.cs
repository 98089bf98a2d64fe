using System;
using System.Collections.Generic;
using System.Text;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Containers;

/// <summary>
/// A tolerant zip reader in the manner of PyTorch's (miniz) and not of strict ones: CRCs and flag bits are ignored,
/// the central directory and the chain of local headers are read independently and both kept (a member hidden from
/// the central directory, duplicate names and a local name that differs from the central one are all visible),
/// prepended and trailing bytes and zip64 are handled. Only headers are read, never member data.
/// </summary>
internal static class ZipDirectory
{
    private const uint LocalSignature = 0x04034b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const int MaxEntries = 1_000_000;

    /// <summary>Reads the entries; <paramref name="problems"/> collects what was malformed (the caller decides the verdict).</summary>
    public static List<ZipEntry> Read(ByteSource source, List<string> problems)
    {
        var entries = new List<ZipEntry>();
        var byLocalOffset = new Dictionary<long, ZipEntry>();
        long shift = 0;
        ReadCentralDirectory(source, entries, byLocalOffset, problems, ref shift);
        WalkLocalHeaders(source, entries, byLocalOffset, problems, shift);
        return entries;
    }

    private static void ReadCentralDirectory(ByteSource source, List<ZipEntry> entries, Dictionary<long, ZipEntry> byLocalOffset, List<string> problems, ref long shift)
    {
        long end = FindEndOfCentralDirectory(source);
        if (end < 0)
        {
            problems.Add("no end-of-central-directory record");
            return;
        }

        var eocd = new byte[22];
        source.ReadAt(end, eocd, 0, 22);
        long count = U16(eocd, 10);
        long size = U32(eocd, 12);
        long offset = U32(eocd, 16);

        // zip64: the locator sits right before the classic record, the zip64 record right before the locator, and
        // the central directory right before that.
        long directoryEnd = end;
        if (end >= 20)
        {
            var locator = new byte[20];
            if (source.ReadAt(end - 20, locator, 0, 20) == 20 && U32(locator, 0) == Zip64LocatorSignature)
            {
                var record = new byte[56];
                long recordAt = end - 20 - 56;
                if (recordAt >= 0 && source.ReadAt(recordAt, record, 0, 56) == 56 && U32(record, 0) == Zip64EndSignature)
                {
                    directoryEnd = recordAt;
                    count = count == 0xFFFF ? (long)Math.Min(U64(record, 32), long.MaxValue) : count;
                    size = size == 0xFFFFFFFF ? (long)Math.Min(U64(record, 40), long.MaxValue) : size;
                    offset = offset == 0xFFFFFFFF ? (long)Math.Min(U64(record, 48), long.MaxValue) : offset;
                }

            }
        }

        // Bytes prepended to the archive shift every stored offset by the same amount.
        long directoryAt = directoryEnd - size;
        if (offset != directoryAt && directoryAt >= 0)
        {
            shift = directoryAt - offset;
        }

        var header = new byte[46];
        long position = offset + shift;
        for (long i = 0; i < Math.Min(count, MaxEntries) && position + 46 <= source.Length; i++)
        {
            if (source.ReadAt(position, header, 0, 46) != 46 || U32(header, 0) != CentralSignature)
            {
                problems.Add($"central directory entry {i} at {position} is damaged");
                return;
            }

            int flags = U16(header, 8);
            int method = U16(header, 10);
            long compressed = U32(header, 20);
            long uncompressed = U32(header, 24);
            int nameLength = U16(header, 28), extraLength = U16(header, 30), commentLength = U16(header, 32);
            long localOffset = U32(header, 42);
            var variable = new byte[nameLength + extraLength];
            source.ReadAt(position + 46, variable, 0, variable.Length);
            string name = DecodeName(variable, 0, nameLength);
            ApplyZip64(variable, nameLength, extraLength, ref uncompressed, ref compressed, ref localOffset);

            long local = localOffset + shift;
            long dataOffset = LocalDataOffset(source, local, out string? localName);
            if (dataOffset < 0)
            {
                problems.Add($"member '{name}' has no local header at {local}");
            }
            else
            {
                var entry = new ZipEntry(name, method, compressed, uncompressed, local, dataOffset, inCentralDirectory: true) { Flags = flags };
                if (localName is not null && localName != name)
                {
                    entry.LocalName = localName;
                }

                entries.Add(entry);
                byLocalOffset[local] = entry;
            }

            position += 46 + nameLength + extraLength + commentLength;
        }

        if (count > MaxEntries)
        {
            problems.Add($"the central directory lists {count:N0} members; those after member {MaxEntries:N0} were not read");
        }
    }

    // Follows local headers from the first one: members the central directory does not list are found here.
    private static void WalkLocalHeaders(ByteSource source, List<ZipEntry> entries, Dictionary<long, ZipEntry> byLocalOffset, List<string> problems, long shift)
    {
        long position = Math.Max(0, shift);
        var header = new byte[30];
        for (int i = 0; position + 30 <= source.Length; i++)
        {
            if (source.ReadAt(position, header, 0, 30) != 30 || U32(header, 0) != LocalSignature)
            {
                return;
            }

            if (i == MaxEntries)
            {
                problems.Add($"more than {MaxEntries:N0} local headers; those after member {MaxEntries:N0} (from offset {position:N0}) were not read");
                return;
            }

            int flags = U16(header, 6);
            int method = U16(header, 8);
            long compressed = U32(header, 18);
            long uncompressed = U32(header, 22);
            int nameLength = U16(header, 26), extraLength = U16(header, 28);
            var variable = new byte[nameLength + extraLength];
            source.ReadAt(position + 30, variable, 0, variable.Length);
            string name = DecodeName(variable, 0, nameLength);
            long dummy = 0;
            ApplyZip64(variable, nameLength, extraLength, ref uncompressed, ref compressed, ref dummy);
            long dataOffset = position + 30 + nameLength + extraLength;

            if (byLocalOffset.TryGetValue(position, out ZipEntry? known))
            {
                // Sizes in a local header with a data descriptor (flag 8) are zero: the central directory knows them.
                compressed = (flags & 8) != 0 || compressed == 0 ? known.CompressedSize : compressed;
            }
            else
            {
                if ((flags & 8) != 0 && compressed == 0)
                {
                    // Size only in the data descriptor after the data: the data ends where the next record begins.
                    compressed = FindNextRecord(source, dataOffset) - dataOffset;
                    if (compressed <= 0)
                    {
                        problems.Add($"member '{name}' at {position} is not in the central directory and its end cannot be found");
                        return;
                    }
                }

                var hidden = new ZipEntry(name, method, compressed, uncompressed, position, dataOffset, inCentralDirectory: false) { Flags = flags };
                entries.Add(hidden);
                byLocalOffset[position] = hidden;
            }

            long next = dataOffset + compressed;
            if ((flags & 8) != 0)
            {
                next = SkipDataDescriptor(source, next);
            }

            if (next <= position)
            {
                return;
            }

            position = next;
        }
    }

    // The next data descriptor, local header or central directory signature at or after <paramref name="from"/>.
    private static long FindNextRecord(ByteSource source, long from)
    {
        var buffer = new byte[1 << 16];
        for (long block = from; block < source.Length; block += buffer.Length - 3)
        {
            int n = source.ReadAt(block, buffer, 0, buffer.Length);
            for (int i = 0; i + 3 < n; i++)
            {
                if (buffer[i] == 0x50 && buffer[i + 1] == 0x4b
                    && ((buffer[i + 2] == 0x07 && buffer[i + 3] == 0x08) || (buffer[i + 2] == 0x03 && buffer[i + 3] == 0x04) || (buffer[i + 2] == 0x01 && buffer[i + 3] == 0x02)))
                {
                    return block + i;
                }
            }

            if (n < buffer.Length)
            {
                break;
            }
        }

        return -1;
    }

    private static long SkipDataDescriptor(ByteSource source, long position)
    {
        var head = new byte[4];
        if (source.ReadAt(position, head, 0, 4) == 4 && U32(head, 0) == 0x08074b50)
        {
            position += 4;
        }

        // CRC + two sizes, 32- or 64-bit: take the form after which a header signature follows.
        foreach (int length in new[] { 12, 20 })
        {
            if (source.ReadAt(position + length, head, 0, 4) == 4 && (U32(head, 0) == LocalSignature || U32(head, 0) == CentralSignature))
            {
                return position + length;
            }
        }

        return position + 12;
    }

    private static long LocalDataOffset(ByteSource source, long local, out string? localName)
    {
        localName = null;
        var header = new byte[30];
        if (local < 0 || source.ReadAt(local, header, 0, 30) != 30 || U32(header, 0) != LocalSignature)
        {
            return -1;
        }

        int nameLength = U16(header, 26), extraLength = U16(header, 28);
        var name = new byte[nameLength];
        source.ReadAt(local + 30, name, 0, nameLength);
        localName = DecodeName(name, 0, nameLength);
        return local + 30 + nameLength + extraLength;
    }

    private static void ApplyZip64(byte[] extra, int start, int length, ref long uncompressed, ref long compressed, ref long localOffset)
    {
        int position = start;
        while (position + 4 <= start + length)
        {
            int id = U16(extra, position), size = U16(extra, position + 2);
            if (id == 1)
            {
                // The field's own size may claim more than the extra block holds: read only what is there.
                int fieldEnd = Math.Min(position + 4 + size, start + length);
                int field = position + 4;
                if (uncompressed == 0xFFFFFFFF && field + 8 <= fieldEnd)
                {
                    uncompressed = (long)Math.Min(U64(extra, field), long.MaxValue);
                    field += 8;
                }

                if (compressed == 0xFFFFFFFF && field + 8 <= fieldEnd)
                {
                    compressed = (long)Math.Min(U64(extra, field), long.MaxValue);
                    field += 8;
                }

                if (localOffset == 0xFFFFFFFF && field + 8 <= fieldEnd)
                {
                    localOffset = (long)Math.Min(U64(extra, field), long.MaxValue);
                }

                return;
            }

            position += 4 + size;
        }
    }

    private static long FindEndOfCentralDirectory(ByteSource source)
    {
        long start = Math.Max(0, source.Length - (0xFFFF + 22));
        var tail = new byte[(int)(source.Length - start)];
        int n = source.ReadAt(start, tail, 0, tail.Length);
        for (int i = n - 22; i >= 0; i--)
        {
            if (tail[i] == 0x50 && tail[i + 1] == 0x4b && tail[i + 2] == 0x05 && tail[i + 3] == 0x06)
            {
                return start + i;
            }
        }

        return -1;
    }

    private static string DecodeName(byte[] data, int start, int length) => Encoding.UTF8.GetString(data, start, length);

    private static int U16(byte[] b, int i) => b[i] | (b[i + 1] << 8);

    private static long U32(byte[] b, int i) => (uint)(b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));

    private static ulong U64(byte[] b, int i) => (ulong)U32(b, i) | ((ulong)U32(b, i + 4) << 32);
}
