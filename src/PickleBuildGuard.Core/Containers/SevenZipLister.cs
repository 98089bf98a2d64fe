using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PickleBuildGuard.Compression;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Containers;

/// <summary>
/// Lists the member names of a 7z archive from its headers only (7-Zip's 7zFormat.txt): the signature header,
/// the next header (plain, or an encoded header packed with LZMA, LZMA2 or copy, decoded with the engine's own
/// LZMA decoders), then the FilesInfo names. Member data is never decompressed. Never throws; reads and allocates
/// at most <see cref="MaxHeaderBytes"/> per header; every loop consumes header bytes, so it always ends.
/// </summary>
internal static class SevenZipLister
{
    /// <summary>Largest next header (packed or unpacked) that is read.</summary>
    public const int MaxHeaderBytes = 16 * 1024 * 1024;

    private const int SignatureHeaderSize = 32;
    private const int MaxEncodedHeaderNesting = 4;
    private const int MaxMembers = 200_000;

    private static readonly byte[] Magic = { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C };

    // Property ids of 7zFormat.txt.
    private const int KEnd = 0x00;
    private const int KHeader = 0x01;
    private const int KArchiveProperties = 0x02;
    private const int KAdditionalStreamsInfo = 0x03;
    private const int KMainStreamsInfo = 0x04;
    private const int KFilesInfo = 0x05;
    private const int KPackInfo = 0x06;
    private const int KUnPackInfo = 0x07;
    private const int KSubStreamsInfo = 0x08;
    private const int KSize = 0x09;
    private const int KCrc = 0x0A;
    private const int KFolder = 0x0B;
    private const int KCodersUnPackSize = 0x0C;
    private const int KNumUnPackStream = 0x0D;
    private const int KName = 0x11;
    private const int KEncodedHeader = 0x17;

    /// <summary>True when <paramref name="source"/> starts with the 7z signature.</summary>
    public static bool HasSignature(ByteSource source)
    {
        try
        {
            byte[] head = new byte[Magic.Length];
            return source.Length >= SignatureHeaderSize && ReadFully(source, 0, head, head.Length) && StartsWithMagic(head);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// The member names in archive order (directories included), or null with <paramref name="problem"/> set
    /// when the headers cannot be read (truncated, corrupt, encrypted, or using an unsupported header coder).
    /// </summary>
    public static List<string>? TryListNames(ByteSource source, out string? problem)
    {
        try
        {
            return ListNames(source, out problem);
        }
        catch (FormatProblem ex)
        {
            problem = ex.Message;
            return null;
        }
        catch (Exception ex)
        {
            problem = "7z headers are corrupt: " + ex.Message;
            return null;
        }
    }

    private static List<string>? ListNames(ByteSource source, out string? problem)
    {
        problem = null;
        if (source is null)
        {
            throw new FormatProblem("no input");
        }

        long length = source.Length;
        byte[] start = new byte[SignatureHeaderSize];
        if (length < SignatureHeaderSize || !ReadFully(source, 0, start, SignatureHeaderSize))
        {
            throw new FormatProblem("7z archive is truncated: the 32-byte signature header is incomplete");
        }

        if (!StartsWithMagic(start))
        {
            throw new FormatProblem("not a 7z archive (signature mismatch)");
        }

        ulong nextOffset = ReadUInt64(start, 12);
        ulong nextSize = ReadUInt64(start, 20);
        if (nextSize == 0)
        {
            // An archive with no header at all: 7-Zip writes this for an empty archive.
            return new List<string>();
        }

        if (nextSize > MaxHeaderBytes)
        {
            throw new FormatProblem($"7z next header size {nextSize} exceeds the {MaxHeaderBytes / (1024 * 1024)} MiB limit");
        }

        ulong available = (ulong)(length - SignatureHeaderSize);
        if (nextOffset > available || nextSize > available - nextOffset)
        {
            throw new FormatProblem("7z archive is truncated: the next header lies past the end of the file");
        }

        byte[] header = new byte[(int)nextSize];
        if (!ReadFully(source, SignatureHeaderSize + (long)nextOffset, header, header.Length))
        {
            throw new FormatProblem("7z archive is truncated: the next header cannot be read");
        }

        for (int nesting = 0; ; nesting++)
        {
            var reader = new HeaderReader(header);
            int id = reader.ReadByte();
            if (id == KHeader)
            {
                return ReadHeader(reader);
            }

            if (id != KEncodedHeader)
            {
                throw new FormatProblem($"7z next header starts with unknown id 0x{id:X2}");
            }

            if (nesting >= MaxEncodedHeaderNesting)
            {
                throw new FormatProblem("7z encoded headers are nested too deeply");
            }

            StreamsInfo info = ReadStreamsInfo(reader);
            header = DecodeFirstFolder(source, info);
        }
    }

    private static List<string> ReadHeader(HeaderReader reader)
    {
        int id = reader.ReadByte();
        if (id == KArchiveProperties)
        {
            while (reader.ReadNumber() != KEnd)
            {
                reader.SkipData();
            }

            id = reader.ReadByte();
        }

        if (id == KAdditionalStreamsInfo)
        {
            ReadStreamsInfo(reader);
            id = reader.ReadByte();
        }

        if (id == KMainStreamsInfo)
        {
            ReadStreamsInfo(reader);
            id = reader.ReadByte();
        }

        if (id == KEnd)
        {
            return new List<string>();
        }

        if (id != KFilesInfo)
        {
            throw new FormatProblem($"7z header has unexpected id 0x{id:X2} where FilesInfo was expected");
        }

        int numFiles = reader.ReadCount(reader.Remaining);
        List<string>? names = null;
        for (;;)
        {
            ulong type = reader.ReadNumber();
            if (type == KEnd)
            {
                break;
            }

            int size = reader.ReadCount(reader.Remaining);
            if (type != KName)
            {
                reader.Skip(size);
                continue;
            }

            int end = reader.Position + size;
            if (reader.ReadByte() != 0)
            {
                throw new FormatProblem("7z file names are stored outside the header (external names are not supported)");
            }

            if (numFiles > MaxMembers)
            {
                throw new FormatProblem($"7z archive lists {numFiles} members; more than {MaxMembers} are not listed");
            }

            names = new List<string>(Math.Min(numFiles, 4096));
            for (int i = 0; i < numFiles; i++)
            {
                names.Add(reader.ReadUtf16Name(end));
            }

            if (reader.Position > end)
            {
                throw new FormatProblem("7z file names overrun their property");
            }

            reader.Position = end;
        }

        if (numFiles == 0)
        {
            return new List<string>();
        }

        if (names is null)
        {
            throw new FormatProblem("7z header lists files but no file names");
        }

        return names;
    }

    private sealed class Coder
    {
        public byte[] Id = Array.Empty<byte>();
        public byte[] Properties = Array.Empty<byte>();
        public int InStreams = 1;
        public int OutStreams = 1;
    }

    private sealed class Folder
    {
        public List<Coder> Coders = new();
        public int TotalOutStreams;
        public int NumPackedStreams;
        public long[] UnpackSizes = Array.Empty<long>();
        public int[] BindPairOutIndexes = Array.Empty<int>();
    }

    private sealed class StreamsInfo
    {
        public long PackPos;
        public long[] PackSizes = Array.Empty<long>();
        public int NumFolders;

        /// <summary>The first folder only (the one an encoded header uses); others are parsed and dropped.</summary>
        public Folder? First;
    }

    private static StreamsInfo ReadStreamsInfo(HeaderReader reader)
    {
        var info = new StreamsInfo();
        bool[]? folderCrcDefined = null;
        int id = reader.ReadByte();
        if (id == KPackInfo)
        {
            info.PackPos = reader.ReadLong();
            int numPackStreams = reader.ReadCount(reader.Remaining);
            info.PackSizes = new long[numPackStreams];
            for (id = reader.ReadByte(); id != KEnd; id = reader.ReadByte())
            {
                if (id == KSize)
                {
                    for (int i = 0; i < numPackStreams; i++)
                    {
                        info.PackSizes[i] = reader.ReadLong();
                    }
                }
                else if (id == KCrc)
                {
                    reader.SkipDigests(numPackStreams, null);
                }
                else
                {
                    reader.SkipData();
                }
            }

            id = reader.ReadByte();
        }

        if (id == KUnPackInfo)
        {
            if (reader.ReadByte() != KFolder)
            {
                throw new FormatProblem("7z UnPackInfo does not start with kFolder");
            }

            int numFolders = reader.ReadCount(reader.Remaining / 2);
            if (reader.ReadByte() != 0)
            {
                throw new FormatProblem("7z folders stored outside the header are not supported");
            }

            info.NumFolders = numFolders;
            var outStreams = new int[numFolders];
            for (int i = 0; i < numFolders; i++)
            {
                Folder folder = ReadFolder(reader);
                outStreams[i] = folder.TotalOutStreams;
                if (i == 0)
                {
                    info.First = folder;
                }
            }

            if (reader.ReadByte() != KCodersUnPackSize)
            {
                throw new FormatProblem("7z UnPackInfo lacks kCodersUnPackSize");
            }

            for (int f = 0; f < numFolders; f++)
            {
                var sizes = new long[f == 0 ? outStreams[f] : 0];
                for (int i = 0; i < outStreams[f]; i++)
                {
                    long size = reader.ReadLong();
                    if (f == 0)
                    {
                        sizes[i] = size;
                    }
                }

                if (f == 0 && info.First is not null)
                {
                    info.First.UnpackSizes = sizes;
                }
            }

            for (id = reader.ReadByte(); id != KEnd; id = reader.ReadByte())
            {
                if (id == KCrc)
                {
                    folderCrcDefined = new bool[numFolders];
                    reader.SkipDigests(numFolders, folderCrcDefined);
                }
                else
                {
                    reader.SkipData();
                }
            }

            id = reader.ReadByte();
        }

        if (id == KSubStreamsInfo)
        {
            SkipSubStreamsInfo(reader, info.NumFolders, folderCrcDefined);
            id = reader.ReadByte();
        }

        if (id != KEnd)
        {
            throw new FormatProblem($"7z StreamsInfo has unexpected id 0x{id:X2}");
        }

        return info;
    }

    private static Folder ReadFolder(HeaderReader reader)
    {
        var folder = new Folder();
        int numCoders = reader.ReadCount(64);
        if (numCoders == 0)
        {
            throw new FormatProblem("7z folder has no coders");
        }

        int totalIn = 0;
        for (int i = 0; i < numCoders; i++)
        {
            int flags = reader.ReadByte();
            if ((flags & 0xC0) != 0)
            {
                throw new FormatProblem("7z coder uses reserved flag bits (alternative methods are not supported)");
            }

            var coder = new Coder { Id = reader.ReadBytes(flags & 0x0F) };
            if ((flags & 0x10) != 0)
            {
                coder.InStreams = reader.ReadCount(64);
                coder.OutStreams = reader.ReadCount(64);
            }

            if ((flags & 0x20) != 0)
            {
                coder.Properties = reader.ReadBytes(reader.ReadCount(reader.Remaining));
            }

            totalIn += coder.InStreams;
            folder.TotalOutStreams += coder.OutStreams;
            folder.Coders.Add(coder);
        }

        if (folder.TotalOutStreams == 0)
        {
            throw new FormatProblem("7z folder has no output streams");
        }

        int numBindPairs = folder.TotalOutStreams - 1;
        if (numBindPairs > totalIn)
        {
            throw new FormatProblem("7z folder has more bind pairs than input streams");
        }

        folder.BindPairOutIndexes = new int[numBindPairs];
        for (int i = 0; i < numBindPairs; i++)
        {
            reader.ReadCount(totalIn);
            folder.BindPairOutIndexes[i] = reader.ReadCount(folder.TotalOutStreams);
        }

        folder.NumPackedStreams = totalIn - numBindPairs;
        if (folder.NumPackedStreams > 1)
        {
            for (int i = 0; i < folder.NumPackedStreams; i++)
            {
                reader.ReadCount(totalIn);
            }
        }

        return folder;
    }

    private static void SkipSubStreamsInfo(HeaderReader reader, int numFolders, bool[]? folderCrcDefined)
    {
        var numStreams = new int[numFolders];
        for (int i = 0; i < numStreams.Length; i++)
        {
            numStreams[i] = 1;
        }

        int id = reader.ReadByte();
        if (id == KNumUnPackStream)
        {
            for (int i = 0; i < numStreams.Length; i++)
            {
                numStreams[i] = reader.ReadCount(reader.Remaining);
            }

            id = reader.ReadByte();
        }

        if (id == KSize)
        {
            foreach (int n in numStreams)
            {
                for (int j = 1; j < n; j++)
                {
                    reader.ReadNumber();
                }
            }

            id = reader.ReadByte();
        }

        for (; id != KEnd; id = reader.ReadByte())
        {
            if (id == KCrc)
            {
                long digests = 0;
                for (int i = 0; i < numStreams.Length; i++)
                {
                    bool folderCrc = folderCrcDefined is not null && i < folderCrcDefined.Length && folderCrcDefined[i];
                    if (numStreams[i] != 1 || !folderCrc)
                    {
                        digests += numStreams[i];
                    }
                }

                if (digests > reader.Remaining * 8L)
                {
                    throw new FormatProblem("7z substream digests overrun the header");
                }

                reader.SkipDigests((int)digests, null);
            }
            else
            {
                reader.SkipData();
            }
        }
    }

    private static byte[] DecodeFirstFolder(ByteSource source, StreamsInfo info)
    {
        Folder folder = info.First ?? throw new FormatProblem("7z encoded header has no folder");
        foreach (Coder c in folder.Coders)
        {
            if (IdEquals(c.Id, 0x06, 0xF1, 0x07, 0x01))
            {
                throw new FormatProblem("7z headers are encrypted");
            }
        }

        if (folder.Coders.Count != 1 || folder.NumPackedStreams != 1 || folder.TotalOutStreams != 1)
        {
            throw new FormatProblem("7z encoded header uses a multi-coder chain, which is not supported");
        }

        if (info.PackSizes.Length == 0)
        {
            throw new FormatProblem("7z encoded header has no packed stream");
        }

        long packSize = info.PackSizes[0];
        long unpackSize = folder.UnpackSizes.Length > 0 ? folder.UnpackSizes[0] : -1;
        if (packSize > MaxHeaderBytes || unpackSize > MaxHeaderBytes)
        {
            throw new FormatProblem($"7z encoded header is larger than the {MaxHeaderBytes / (1024 * 1024)} MiB limit");
        }

        if (unpackSize <= 0)
        {
            throw new FormatProblem("7z encoded header has no unpacked size");
        }

        long packStart = SignatureHeaderSize + info.PackPos;
        if (info.PackPos > source.Length || packStart > source.Length - packSize)
        {
            throw new FormatProblem("7z archive is truncated: the encoded header's packed data lies past the end of the file");
        }

        byte[] packed = new byte[(int)packSize];
        if (!ReadFully(source, packStart, packed, packed.Length))
        {
            throw new FormatProblem("7z archive is truncated: the encoded header's packed data cannot be read");
        }

        Coder coder = folder.Coders[0];
        var output = new byte[(int)unpackSize];
        if (IdEquals(coder.Id, 0x00))
        {
            if (packSize < unpackSize)
            {
                throw new FormatProblem("7z stored header is shorter than its declared size");
            }

            Buffer.BlockCopy(packed, 0, output, 0, output.Length);
            return output;
        }

        if (IdEquals(coder.Id, 0x03, 0x01, 0x01))
        {
            if (coder.Properties.Length != 5)
            {
                throw new FormatProblem("7z LZMA header coder has malformed properties");
            }

            var alone = new byte[13 + packed.Length];
            Buffer.BlockCopy(coder.Properties, 0, alone, 0, 5);
            for (int i = 0; i < 8; i++)
            {
                alone[5 + i] = (byte)((ulong)unpackSize >> (8 * i));
            }

            Buffer.BlockCopy(packed, 0, alone, 13, packed.Length);
            using (var lzma = new LzmaAloneDecoderStream(new MemoryStream(alone, false), unpackSize))
            {
                ReadAllOrFail(lzma.Read, output);
            }

            return output;
        }

        if (IdEquals(coder.Id, 0x21))
        {
            if (coder.Properties.Length != 1)
            {
                throw new FormatProblem("7z LZMA2 header coder has malformed properties");
            }

            long dictionary = Lzma2Decoder.DictionarySize(coder.Properties[0]);
            var lzma2 = new Lzma2Decoder(new XzInput(new MemoryStream(packed, false)));
            lzma2.Reset(LzmaDecoder.WindowSizeFor(Math.Max(dictionary, 4096), unpackSize));
            ReadAllOrFail(lzma2.Read, output);
            return output;
        }

        throw new FormatProblem("7z encoded header uses an unsupported coder " + BitConverter.ToString(coder.Id));
    }

    private delegate int ReadFunc(byte[] buffer, int offset, int count);

    private static void ReadAllOrFail(ReadFunc read, byte[] output)
    {
        int total = 0;
        while (total < output.Length)
        {
            int n = read(output, total, output.Length - total);
            if (n <= 0)
            {
                throw new FormatProblem("7z encoded header decodes to fewer bytes than declared");
            }

            total += n;
        }
    }

    private static bool IdEquals(byte[] id, params byte[] expected)
    {
        if (id.Length != expected.Length)
        {
            return false;
        }

        for (int i = 0; i < id.Length; i++)
        {
            if (id[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithMagic(byte[] head)
    {
        for (int i = 0; i < Magic.Length; i++)
        {
            if (head[i] != Magic[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadFully(ByteSource source, long offset, byte[] buffer, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = source.ReadAt(offset + total, buffer, total, count - total);
            if (n <= 0)
            {
                return false;
            }

            total += n;
        }

        return true;
    }

    private static ulong ReadUInt64(byte[] b, int i)
    {
        ulong value = 0;
        for (int k = 7; k >= 0; k--)
        {
            value = (value << 8) | b[i + k];
        }

        return value;
    }

    /// <summary>A header-format problem whose message is reported as is.</summary>
    private sealed class FormatProblem : Exception
    {
        public FormatProblem(string message)
            : base(message)
        {
        }
    }

    /// <summary>Bounds-checked cursor over a decoded header; running off the end is a <see cref="FormatProblem"/>.</summary>
    private sealed class HeaderReader
    {
        private readonly byte[] _data;

        public HeaderReader(byte[] data)
        {
            _data = data;
        }

        public int Position { get; set; }

        public int Remaining => _data.Length - Position;

        public int ReadByte()
        {
            if (Position >= _data.Length)
            {
                throw Truncated();
            }

            return _data[Position++];
        }

        public byte[] ReadBytes(int count)
        {
            if (count < 0 || count > Remaining)
            {
                throw Truncated();
            }

            var result = new byte[count];
            Buffer.BlockCopy(_data, Position, result, 0, count);
            Position += count;
            return result;
        }

        public void Skip(int count)
        {
            if (count < 0 || count > Remaining)
            {
                throw Truncated();
            }

            Position += count;
        }

        /// <summary>7z's variable-length UINT64: the leading one bits of the first byte count the extra bytes.</summary>
        public ulong ReadNumber()
        {
            int first = ReadByte();
            int mask = 0x80;
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                if ((first & mask) == 0)
                {
                    ulong high = (ulong)(first & (mask - 1));
                    return value + (high << (8 * i));
                }

                value |= (ulong)ReadByte() << (8 * i);
                mask >>= 1;
            }

            return value;
        }

        public long ReadLong()
        {
            ulong value = ReadNumber();
            if (value > long.MaxValue)
            {
                throw new FormatProblem("7z header holds an implausible size");
            }

            return (long)value;
        }

        /// <summary>A count that must not exceed <paramref name="limit"/> (usually the bytes left, as each item needs at least one).</summary>
        public int ReadCount(int limit)
        {
            ulong value = ReadNumber();
            if (value > (ulong)Math.Max(limit, 0))
            {
                throw new FormatProblem("7z header holds an implausible count");
            }

            return (int)value;
        }

        public void SkipData() => Skip(ReadCount(Remaining));

        /// <summary>Skips a digest list for <paramref name="count"/> items, recording which are defined when <paramref name="defined"/> is given.</summary>
        public void SkipDigests(int count, bool[]? defined)
        {
            if (count < 0 || count > Remaining * 8L + 8)
            {
                throw Truncated();
            }

            long numDefined = 0;
            bool all = ReadByte() != 0;
            int mask = 0;
            int bits = 0;
            for (int i = 0; i < count; i++)
            {
                bool d = all;
                if (!all)
                {
                    if (mask == 0)
                    {
                        bits = ReadByte();
                        mask = 0x80;
                    }

                    d = (bits & mask) != 0;
                    mask >>= 1;
                }

                if (d)
                {
                    numDefined++;
                }

                if (defined is not null && i < defined.Length)
                {
                    defined[i] = d;
                }
            }

            if (numDefined * 4 > Remaining)
            {
                throw Truncated();
            }

            Skip((int)(numDefined * 4));
        }

        /// <summary>Reads one zero-terminated UTF-16LE name that must end before <paramref name="end"/>.</summary>
        public string ReadUtf16Name(int end)
        {
            int limit = Math.Min(end, _data.Length);
            int start = Position;
            for (int i = start; i + 1 < limit; i += 2)
            {
                if (_data[i] == 0 && _data[i + 1] == 0)
                {
                    Position = i + 2;
                    return Encoding.Unicode.GetString(_data, start, i - start);
                }
            }

            throw new FormatProblem("7z file name is not terminated within its property");
        }

        private static FormatProblem Truncated() => new("7z header is truncated or corrupt");
    }
}
