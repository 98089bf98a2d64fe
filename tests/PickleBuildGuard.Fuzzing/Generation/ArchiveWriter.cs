using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace PickleBuildGuard.Fuzzing.Generation;

/// <summary>Builds zip, tar, gzip and zlib content in memory, including shapes no archiver writes (overlapping members).</summary>
public static class ArchiveWriter
{
    /// <summary>A zip of stored members, classic records (no zip64).</summary>
    public static byte[] StoredZip(IEnumerable<(string Name, byte[] Data)> members)
    {
        var output = new MemoryStream();
        var central = new MemoryStream();
        int count = 0;
        foreach (var (name, data) in members)
        {
            long offset = output.Position;
            byte[] nameBytes = Encoding.UTF8.GetBytes(name);
            WriteLocal(output, nameBytes, method: 0, data.Length, data.Length);
            output.Write(data, 0, data.Length);
            WriteCentral(central, nameBytes, method: 0, data.Length, data.Length, (uint)offset);
            count++;
        }

        return Finish(output, central, count);
    }

    /// <summary>
    /// One deflated member and <paramref name="entries"/> central records that all point at it: every entry expands
    /// to the whole member again (the overlapping-file zip bomb).
    /// </summary>
    public static byte[] OverlappingZip(byte[] content, int entries)
    {
        byte[] compressed = Deflate(content);
        var output = new MemoryStream();
        var central = new MemoryStream();
        byte[] firstName = Encoding.UTF8.GetBytes("m0.pkl");
        WriteLocal(output, firstName, method: 8, compressed.Length, content.Length);
        output.Write(compressed, 0, compressed.Length);
        for (int i = 0; i < entries; i++)
        {
            WriteCentral(central, Encoding.UTF8.GetBytes(i == 0 ? "m0.pkl" : $"m{i}.pkl"), method: 8, compressed.Length, content.Length, 0);
        }

        return Finish(output, central, entries);
    }

    /// <summary>A zip with one deflated member.</summary>
    public static byte[] DeflatedZip(string name, byte[] content)
    {
        byte[] compressed = Deflate(content);
        var output = new MemoryStream();
        var central = new MemoryStream();
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        WriteLocal(output, nameBytes, method: 8, compressed.Length, content.Length);
        output.Write(compressed, 0, compressed.Length);
        WriteCentral(central, nameBytes, method: 8, compressed.Length, content.Length, 0);
        return Finish(output, central, 1);
    }

    public static byte[] Tar(IEnumerable<(string Name, byte[] Data)> members)
    {
        var output = new MemoryStream();
        var header = new byte[512];
        foreach (var (name, data) in members)
        {
            Array.Clear(header);
            Encoding.UTF8.GetBytes(name, 0, Math.Min(name.Length, 99), header, 0);
            Ascii(header, 100, "0000644\0");
            Ascii(header, 108, "0000000\0");
            Ascii(header, 116, "0000000\0");
            Ascii(header, 124, Convert.ToString(data.Length, 8).PadLeft(11, '0') + "\0");
            Ascii(header, 136, "00000000000\0");
            header[156] = (byte)'0';
            Ascii(header, 257, "ustar\0");
            Ascii(header, 263, "00");
            Ascii(header, 148, "        ");
            int sum = 0;
            foreach (byte b in header)
            {
                sum += b;
            }

            Ascii(header, 148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
            output.Write(header, 0, 512);
            output.Write(data, 0, data.Length);
            output.Write(new byte[(512 - (data.Length % 512)) % 512]);
        }

        output.Write(new byte[1024]);
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content, 0, content.Length);
        }

        return output.ToArray();
    }

    public static byte[] Zlib(byte[] content)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(content, 0, content.Length);
        }

        return output.ToArray();
    }

    /// <summary>Gzip of <paramref name="length"/> zero bytes, written in chunks (the zeros never exist at once).</summary>
    public static byte[] GzipOfZeros(long length) => CompressZeros(length, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true));

    public static byte[] ZlibOfZeros(long length) => CompressZeros(length, s => new ZLibStream(s, CompressionLevel.SmallestSize, leaveOpen: true));

    public static byte[] Deflate(byte[] content)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(content, 0, content.Length);
        }

        return output.ToArray();
    }

    private static byte[] CompressZeros(long length, Func<Stream, Stream> open)
    {
        var output = new MemoryStream();
        var zeros = new byte[1 << 20];
        using (Stream compressor = open(output))
        {
            for (long written = 0; written < length; written += zeros.Length)
            {
                compressor.Write(zeros, 0, (int)Math.Min(zeros.Length, length - written));
            }
        }

        return output.ToArray();
    }

    private static void WriteLocal(Stream output, byte[] name, int method, long compressed, long uncompressed)
    {
        var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        w.Write(0x04034b50u);
        w.Write((ushort)20);
        w.Write((ushort)0);
        w.Write((ushort)method);
        w.Write(0u);
        w.Write(0u);
        w.Write((uint)compressed);
        w.Write((uint)uncompressed);
        w.Write((ushort)name.Length);
        w.Write((ushort)0);
        w.Write(name);
    }

    private static void WriteCentral(Stream central, byte[] name, int method, long compressed, long uncompressed, uint offset)
    {
        var w = new BinaryWriter(central, Encoding.UTF8, leaveOpen: true);
        w.Write(0x02014b50u);
        w.Write((ushort)20);
        w.Write((ushort)20);
        w.Write((ushort)0);
        w.Write((ushort)method);
        w.Write(0u);
        w.Write(0u);
        w.Write((uint)compressed);
        w.Write((uint)uncompressed);
        w.Write((ushort)name.Length);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write(0u);
        w.Write(offset);
        w.Write(name);
    }

    private static byte[] Finish(MemoryStream output, MemoryStream central, int count)
    {
        long directoryOffset = output.Position;
        central.Position = 0;
        central.CopyTo(output);
        var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        if (count > 0xFFFF)
        {
            // More entries than the classic record can count: a zip64 end record and its locator, as zip writers do.
            long recordOffset = output.Position;
            w.Write(0x06064b50u);
            w.Write(44UL);
            w.Write((ushort)45);
            w.Write((ushort)45);
            w.Write(0u);
            w.Write(0u);
            w.Write((ulong)count);
            w.Write((ulong)count);
            w.Write((ulong)central.Length);
            w.Write((ulong)directoryOffset);
            w.Write(0x07064b50u);
            w.Write(0u);
            w.Write((ulong)recordOffset);
            w.Write(1u);
        }

        w.Write(0x06054b50u);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)Math.Min(count, 0xFFFF));
        w.Write((ushort)Math.Min(count, 0xFFFF));
        w.Write((uint)central.Length);
        w.Write((uint)directoryOffset);
        w.Write((ushort)0);
        w.Flush();
        return output.ToArray();
    }

    private static void Ascii(byte[] target, int offset, string text) => Encoding.ASCII.GetBytes(text, 0, text.Length, target, offset);
}
