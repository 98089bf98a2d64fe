using System;
using System.IO;
using PickleBuildGuard.Input;
using PickleBuildGuard.Pickle;

namespace PickleBuildGuard.Scanning;

/// <summary>Recognises content by its first bytes; the file name is never consulted.</summary>
internal static class FormatSniffer
{
    public const string Pickle = "pickle";
    public const string Unknown = "unknown";
    public const string GitLfsPointer = "git-lfs-pointer";

    private static readonly byte[] LfsPointerStart = System.Text.Encoding.ASCII.GetBytes("version https://git-lfs.github.com/spec/");

    private const int ProbeBytes = 4096;

    // Only ProbeBytes are read, but a decoder may produce a whole block first (bzip2: up to 900 kB).
    private const long DecoderProbeLimit = 64L << 20;

    private static readonly (string Format, byte[] Magic)[] Containers =
    {
        ("zip", new byte[] { 0x50, 0x4B, 0x03, 0x04 }),
        ("zip", new byte[] { 0x50, 0x4B, 0x05, 0x06 }),
        ("7z", new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }),
        ("gzip", new byte[] { 0x1F, 0x8B }),
        ("bz2", new byte[] { 0x42, 0x5A, 0x68 }),
        ("xz", new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 }),
        ("zstd", new byte[] { 0x28, 0xB5, 0x2F, 0xFD }),
        ("lz4", new byte[] { 0x04, 0x22, 0x4D, 0x18 }),
        ("rar", new byte[] { 0x52, 0x61, 0x72, 0x21, 0x1A, 0x07 }),
        ("numpy", new byte[] { 0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59 }),
    };

    /// <summary>The format of the content: pickle, a container name, or unknown.</summary>
    public static string Detect(ByteSource source)
    {
        var head = new byte[(int)Math.Min(ProbeBytes, source.Length)];
        int n = source.ReadAt(0, head, 0, head.Length);
        foreach (var (format, magic) in Containers)
        {
            if (n >= magic.Length && StartsWith(head, magic))
            {
                return format;
            }
        }

        if (n >= LfsPointerStart.Length && StartsWith(head, LfsPointerStart))
        {
            return GitLfsPointer;
        }

        if (n >= 2 && head[0] == 0x78 && (head[1] == 0x01 || head[1] == 0x5E || head[1] == 0x9C || head[1] == 0xDA))
        {
            return "zlib";
        }

        if (n >= 13 && head[0] == 0x5D && head[1] == 0x00 && head[2] == 0x00)
        {
            return "lzma";
        }

        if (n >= 262 && head[257] == (byte)'u' && head[258] == (byte)'s' && head[259] == (byte)'t' && head[260] == (byte)'a' && head[261] == (byte)'r')
        {
            return "tar";
        }

        if (n >= 9 && head[8] == (byte)'{' && IsSafetensorsLength(head, source.Length))
        {
            return "safetensors";
        }

        if (IsKnownOtherFormat(head, n))
        {
            return Unknown;
        }

        if (IsPickleStart(head, n, source.Length))
        {
            return Pickle;
        }

        // A zip with bytes prepended (a self-extractor, junk before a checkpoint): zip readers find it from its end.
        return HasZipEnd(source) ? "zip" : Unknown;
    }

    /// <summary>
    /// Whether the file's first bytes say pickle or a model container. False when unreadable. A compressed file counts
    /// only when what it decompresses to starts like one: a build log, a compressed CSV or a .tar.gz of sources is not
    /// a model (and must not fail a build for not being one), a compressed pickle is.
    /// </summary>
    public static bool LooksLikeModelFile(string path)
    {
        try
        {
            using var source = new FileByteSource(path);
            string format = Detect(source);
            return format switch
            {
                Unknown or GitLfsPointer => false,
                "gzip" or "zlib" or "bz2" or "xz" or "lzma" or "lz4" => DecompressedStartLooksLikeModel(source, format),
                _ => true,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static bool DecompressedStartLooksLikeModel(ByteSource source, string format)
    {
        var head = new byte[ProbeBytes];
        int n = 0;
        try
        {
            var input = new ByteSourceStream(source);
            if (format == "zlib")
            {
                input.Position = 2;
            }

            using Stream decoder = format switch
            {
                "gzip" => new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress),
                "zlib" => new System.IO.Compression.DeflateStream(input, System.IO.Compression.CompressionMode.Decompress),
                "bz2" => new Compression.Bzip2DecoderStream(input, DecoderProbeLimit),
                "xz" => new Compression.XzDecoderStream(input, DecoderProbeLimit),
                "lzma" => new Compression.LzmaAloneDecoderStream(input, DecoderProbeLimit),
                _ => new Compression.Lz4FrameDecoderStream(input, DecoderProbeLimit),
            };
            int read;
            while (n < head.Length && (read = decoder.Read(head, n, head.Length - n)) > 0)
            {
                n += read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            // Damaged compressed data cannot be told apart from a damaged compressed model: scan it (fail closed).
            return n == 0 || !IsPlainData(head, n);
        }

        return !IsPlainData(head, n);
    }

    // Plain data: the decompressed start is neither a pickle nor a (nested) model container.
    private static bool IsPlainData(byte[] head, int count) => count > 0 && Detect(new ArrayByteSource(head, 0, count)) == Unknown;

    private static readonly byte[][] OtherFormatMagics =
    {
        System.Text.Encoding.ASCII.GetBytes("BSJB"),                       // portable PDB / ECMA-335 metadata
        System.Text.Encoding.ASCII.GetBytes("Microsoft C/C++ MSF 7.00"),   // Windows PDB
        System.Text.Encoding.ASCII.GetBytes("GGUF"),                       // llama.cpp models
        System.Text.Encoding.ASCII.GetBytes("lmgg"),                       // GGML (whisper.cpp ggml-*.bin)
        System.Text.Encoding.ASCII.GetBytes("ggjt"),
        System.Text.Encoding.ASCII.GetBytes("ggla"),
        System.Text.Encoding.ASCII.GetBytes("ggmf"),
        System.Text.Encoding.ASCII.GetBytes("SQLite format 3\0"),
        System.Text.Encoding.ASCII.GetBytes("GIF87a"),
        System.Text.Encoding.ASCII.GetBytes("GIF89a"),
    };

    // Formats whose first bytes happen to parse as a few protocol 0/1 opcodes but that no pickle loader reads: native
    // and managed binaries, debug symbols, GGML/GGUF models. Without this a project's native DLLs or whisper.cpp model
    // files, shipped as Content, would be sniffed as pickles and fail the build as unverifiable. (Such a file named like
    // a model is still scanned: the unknown-format path keeps anything a trial parse finds dangerous.)
    private static bool IsKnownOtherFormat(byte[] head, int count)
    {
        foreach (var magic in OtherFormatMagics)
        {
            if (count >= magic.Length && StartsWith(head, magic))
            {
                return true;
            }
        }

        // PE: "MZ", then e_lfanew at 0x3C pointing at "PE\0\0" (a protocol 1 pickle of an int may start with "MZ").
        if (count >= 0x40 && head[0] == (byte)'M' && head[1] == (byte)'Z')
        {
            int peOffset = head[0x3C] | (head[0x3D] << 8) | (head[0x3E] << 16) | (head[0x3F] << 24);
            return peOffset > 0 && peOffset <= count - 4 && head[peOffset] == (byte)'P' && head[peOffset + 1] == (byte)'E' && head[peOffset + 2] == 0 && head[peOffset + 3] == 0;
        }

        return false;
    }

    // Protocol 2+ starts with PROTO. Protocol 0/1 have no magic, so the first opcodes are parsed: a pickle reaches
    // STOP (or fills the probe) without an invalid opcode; text and other binaries fail within a few bytes.
    private static bool IsPickleStart(byte[] head, int count, long totalLength)
    {
        if (count < 2)
        {
            return false;
        }

        if (head[0] == 0x80)
        {
            return head[1] <= 5;
        }

        var cursor = new ByteCursor(new ArrayByteSource(head, 0, count), 0, count);
        var reader = new OpcodeReader(cursor, maxLineLength: ProbeBytes, inspectBytes: 0);
        var op = default(PickleOp);
        int opcodes = 0;
        while (true)
        {
            ReadStatus status = reader.Next(ref op);
            if (status == ReadStatus.Ok)
            {
                opcodes++;
                if (op.Info.Behavior == OpcodeBehavior.Stop)
                {
                    return opcodes >= 2;
                }

                continue;
            }

            // Running off the probe is fine when the file goes on (a long first string ends past it); anything else
            // means "not a pickle".
            return (status == ReadStatus.End || status == ReadStatus.Truncated) && totalLength > count
                && (opcodes >= 4 || (status == ReadStatus.Truncated && op.Info is { Behavior: OpcodeBehavior.PushStr or OpcodeBehavior.PushBytes }));
        }
    }

    /// <summary>Whether the content starts with a zip local header or end record (not merely ends like a zip).</summary>
    public static bool StartsWithZipRecord(ByteSource source)
    {
        var head = new byte[4];
        return source.ReadAt(0, head, 0, 4) == 4 && head[0] == 0x50 && head[1] == 0x4B && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    private static bool HasZipEnd(ByteSource source)
    {
        long start = Math.Max(0, source.Length - (0xFFFF + 22));
        var tail = new byte[(int)(source.Length - start)];
        int n = source.ReadAt(start, tail, 0, tail.Length);
        for (int i = n - 22; i >= 0; i--)
        {
            if (tail[i] == 0x50 && tail[i + 1] == 0x4b && tail[i + 2] == 0x05 && tail[i + 3] == 0x06)
            {
                return true;
            }
        }

        return false;
    }

    // safetensors: an 8-byte little-endian JSON header length that fits in the file, then the JSON.
    private static bool IsSafetensorsLength(byte[] head, long length)
    {
        ulong headerLength = 0;
        for (int i = 7; i >= 0; i--)
        {
            headerLength = (headerLength << 8) | head[i];
        }

        return headerLength >= 2 && headerLength <= 100_000_000 && (long)headerLength + 8 <= length;
    }

    private static bool StartsWith(byte[] data, byte[] prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            if (data[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
