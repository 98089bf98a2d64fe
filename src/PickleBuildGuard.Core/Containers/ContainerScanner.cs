using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using PickleBuildGuard.Compression;
using PickleBuildGuard.Input;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Containers;

/// <summary>
/// Recognises content by its bytes and hands every pickle inside it to the pickle engine: bare and concatenated
/// pickles, legacy torch.save streams, zip archives (PyTorch, TorchScript, .npz, any zip — every member that is a
/// pickle by content or by name), .npy headers, and compressed wrappers. What cannot be opened is reported as not
/// verified (fail-closed).
/// </summary>
internal static class ContainerScanner
{
    private static readonly string[] PickleNames = { ".pkl", ".pickle", ".pk", ".p", ".bin", ".pt", ".pth", ".joblib", ".dat", ".data", ".dill" };

    /// <summary>Scans the context's whole source, recognised as <paramref name="format"/>; returns the format to report.</summary>
    public static string Scan(ScanContext context, string format) => Scan(context, format, mustBePickle: false);

    private static string Scan(ScanContext context, string format, bool mustBePickle)
    {
        if (context.ContainerDepth > context.Budget.Limits.MaxContainerDepth)
        {
            context.Findings.Add(RuleCatalog.LimitExceeded, $"containers nested more than {context.Budget.Limits.MaxContainerDepth} deep were not opened", null, context.Member, null);
            return format;
        }

        switch (format)
        {
            case FormatSniffer.Pickle:
                return ScanPickle(context);
            case "zip":
                return ScanZip(context);
            case "numpy":
                ScanNpy(context);
                return "numpy";
            case "tar":
                return ScanTar(context);
            case "safetensors":
                if (SafetensorsValidator.Validate(context.Source) is { } invalid)
                {
                    context.Findings.Add(RuleCatalog.MalformedStream, $"safetensors {invalid}", null, context.Member, null);
                }

                return "safetensors";
            case "gzip":
                return ScanCompressed(context, "gzip", source => new GZipStream(source, CompressionMode.Decompress), GzipEndsWithItsTrailer);
            case "zlib":
                return ScanCompressed(context, "zlib", source => new DeflateStream(SkipBytes(source, 2), CompressionMode.Decompress), ZlibEndsWhereTheFileEnds);
            case "bz2":
                return ScanCompressed(context, "bz2", source => new Bzip2DecoderStream(source, DecoderLimit(context)));
            case "xz":
                return ScanCompressed(context, "xz", source => new XzDecoderStream(source, DecoderLimit(context)));
            case "lzma":
                return ScanCompressed(context, "lzma", source => new LzmaAloneDecoderStream(source, DecoderLimit(context)), LzmaEndsWhereTheFileEnds);
            case "lz4":
                return ScanCompressed(context, "lz4", source => new Lz4FrameDecoderStream(source, DecoderLimit(context)));
            case FormatSniffer.Unknown when mustBePickle:
                // A member a loader unpickles by name: whatever it holds is read as a pickle (fail-closed).
                PickleStreamScanner.Scan(context, 0, context.Source.Length);
                return FormatSniffer.Pickle;
            case FormatSniffer.Unknown:
                return format;
            case "7z":
                // No 7z decoder here: name what is inside, so a user can decide (or pin a trusted hash).
                var names = SevenZipLister.TryListNames(context.Source, out string? problem);
                string listing = names is null ? $"its headers cannot be read ({problem})"
                    : names.Count == 0 ? "it lists no members"
                    : "members: " + string.Join(", ", names.Count <= 20 ? names : names.GetRange(0, 20)) + (names.Count > 20 ? $", … ({names.Count} in all)" : string.Empty);
                context.Findings.Add(RuleCatalog.UnsupportedFormat, $"7z archive whose content cannot be decompressed here, so its pickles were not analysed; {listing}", null, context.Member, null);
                return format;
            default:
                context.Findings.Add(RuleCatalog.UnsupportedFormat, $"{format} content is recognised but cannot be opened here, so the pickles in it were not analysed", null, context.Member, null);
                return format;
        }
    }

    private static string ScanPickle(ScanContext context)
    {
        if (PickleStreamScanner.IsLegacyTorch(context.Source, 0))
        {
            // magic, protocol, sys_info, object, storage keys; then raw storages torch reads as bytes.
            PickleStreamScanner.Scan(context.ExpectingPersistentIds(), 0, context.Source.Length, allowLegacyTorchTail: true);
            return "pytorch-legacy";
        }

        PickleStreamScanner.Scan(context, 0, context.Source.Length);
        return context.SawJoblibArrays ? "joblib" : FormatSniffer.Pickle;
    }

    private static string ScanZip(ScanContext context)
    {
        var problems = new List<string>();
        List<ZipEntry> entries = ZipDirectory.Read(context.Source, problems);
        foreach (string problem in problems)
        {
            context.Findings.Add(RuleCatalog.MalformedStream, $"zip archive: {problem}", null, context.Member, null);
        }

        if (entries.Count == 0)
        {
            context.Findings.Add(RuleCatalog.NotRecognised, "zip archive without readable members", null, context.Member, null);
            return "zip";
        }

        string format = ZipFormat(entries);
        bool torch = format is "pytorch-zip" or "torchscript";
        int skippedStorages = 0;
        foreach (ZipEntry entry in entries)
        {
            string name = entry.Name;
            if (entry.LocalName is not null)
            {
                context.Findings.AddNotice("zip-name-mismatch", $"member '{name}' is named '{entry.LocalName}' in its local header (loaders disagree on names)");
            }

            if (!entry.InCentralDirectory)
            {
                context.Findings.AddNotice("zip-hidden-member", $"member '{name}' is absent from the central directory; scanned anyway");
            }

            if (torch && IsTorchStorage(name))
            {
                // torch reads tensor storages as raw bytes: never unpickled, never read here.
                skippedStorages++;
                continue;
            }

            if (name.EndsWith("/", StringComparison.Ordinal) && entry.CompressedSize == 0)
            {
                continue;
            }

            ScanMember(context, entry, torch && IsTorchPickle(name), format == "torchscript");
        }

        if (skippedStorages > 0)
        {
            context.Findings.AddNotice("torch-storages", $"{skippedStorages} tensor storage member(s) were not read (torch loads them as raw bytes)");
        }

        return format;
    }

    private static string ScanTar(ScanContext context)
    {
        var problems = new List<string>();
        var members = TarArchive.Read(context.Source, problems, out string? limitReached);
        foreach (string problem in problems)
        {
            context.Findings.Add(RuleCatalog.MalformedStream, problem, null, context.Member, null);
        }

        if (limitReached is not null)
        {
            context.Findings.Add(RuleCatalog.LimitExceeded, limitReached, null, context.Member, null);
        }

        bool torch = LegacyTorchTar.IsTorchTar(members);
        foreach (var member in members)
        {
            string path = context.MemberPath(member.Name);
            using ByteSource data = context.Source.Slice(member.Offset, member.Size);
            switch (torch ? member.Name : null)
            {
                case "storages":
                    LegacyTorchTar.ScanStorages(context.ForMember(data, path));
                    continue;
                case "tensors":
                    LegacyTorchTar.ScanTensors(context.ForMember(data, path));
                    continue;
                case "pickle":
                    PickleStreamScanner.Scan(context.ForMember(data, path, persistentIdsExpected: true), 0, data.Length);
                    continue;
            }

            string format = FormatSniffer.Detect(data);
            bool byName = torch || HasPickleName(member.Name);
            if (format == FormatSniffer.Unknown && !byName)
            {
                context.Findings.AddNotice("tar-member-skipped", $"member '{member.Name}' is neither a pickle nor a container by content or name");
                continue;
            }

            Scan(context.ForMember(data, path), format, mustBePickle: byName);
        }

        return torch ? "pytorch-tar" : "tar";
    }

    private static void ScanMember(ScanContext context, ZipEntry entry, bool torchPickle, bool torchScript)
    {
        string path = context.MemberPath(entry.Name);
        ByteSource? member = OpenMember(context, entry, path);
        if (member is null)
        {
            return;
        }

        using (member)
        {
            var inner = context.ForMember(member, path, persistentIdsExpected: torchPickle, torchScriptTypes: torchScript);
            string format = FormatSniffer.Detect(member);
            bool byName = torchPickle || HasPickleName(entry.Name);
            if (format == FormatSniffer.Unknown && !byName)
            {
                context.Findings.AddNotice("zip-member-skipped", $"member '{entry.Name}' is neither a pickle nor a container by content or name");
                return;
            }

            Scan(inner, format, mustBePickle: byName);
        }
    }

    private static ByteSource? OpenMember(ScanContext context, ZipEntry entry, string path)
    {
        if ((entry.Flags & 1) != 0 && entry.Method != 0)
        {
            context.Findings.Add(RuleCatalog.UnsupportedFormat, $"member '{entry.Name}' is encrypted; its content cannot be inspected", null, path, null);
            return null;
        }

        if ((entry.Flags & 1) != 0)
        {
            // PyTorch ignores the flag and reads stored data as it is; so does the scan, and says so.
            context.Findings.AddNotice("zip-encrypted-flag", $"member '{entry.Name}' has the encryption flag on stored data; read as stored, as torch does");
        }

        long available = Math.Max(0, Math.Min(entry.CompressedSize, context.Source.Length - entry.DataOffset));
        if (available < entry.CompressedSize)
        {
            context.Findings.Add(RuleCatalog.TruncatedStream, $"member '{entry.Name}' is cut off: {entry.CompressedSize:N0} bytes declared, {available:N0} present", null, path, null);
        }

        ByteSource data = context.Source.Slice(entry.DataOffset, available);
        if (entry.Method != 0 && context.Budget.DecompressionExhausted)
        {
            // The file-wide bomb was reported once; its other members are not decompressed at all.
            context.Findings.MarkIncomplete();
            return null;
        }

        switch (entry.Method)
        {
            case 0:
                return data;
            case 8:
                return Decompress(context, entry.Name, path, available, new DeflateStream(new ByteSourceStream(data), CompressionMode.Decompress));
            case 12:
                return Decompress(context, entry.Name, path, available, new Bzip2DecoderStream(new ByteSourceStream(data), DecoderLimit(context)));
            case 14:
                return Decompress(context, entry.Name, path, available, LzmaAloneDecoderStream.ForZipMember(new ByteSourceStream(data), DecoderLimit(context), entry.UncompressedSize));
            case 95:
                return Decompress(context, entry.Name, path, available, new XzDecoderStream(new ByteSourceStream(data), DecoderLimit(context)));
            default:
                context.Findings.Add(RuleCatalog.UnsupportedFormat, $"member '{entry.Name}' uses zip compression method {entry.Method}, which cannot be opened here", null, path, null);
                return null;
        }
    }

    /// <summary>Checks how a compressed file ends once its content is decoded; returns what is wrong, or null.</summary>
    private delegate string? EndCheck(ScanContext context, Stream input, Stream decoder, ByteSource output);

    private static string ScanCompressed(ScanContext context, string format, Func<Stream, Stream> open, EndCheck? endsAtEnd = null)
    {
        if (context.Budget.DecompressionExhausted)
        {
            context.Findings.MarkIncomplete();
            return format;
        }

        var input = new ByteSourceStream(context.Source);
        Stream decoder = open(input);
        ByteSource? inner = Decompress(context, format, context.Member, context.Source.Length, decoder, dispose: endsAtEnd is null);
        if (inner is not null && endsAtEnd?.Invoke(context, input, decoder, inner) is { } endProblem)
        {
            context.Findings.Add(RuleCatalog.MalformedStream, endProblem, null, context.Member, null);
        }

        if (endsAtEnd is not null)
        {
            decoder.Dispose();
        }

        if (inner is null)
        {
            return format;
        }

        using (inner)
        {
            var innerContext = context.ForMember(inner, context.Member);
            string innerFormat = FormatSniffer.Detect(inner);
            Scan(innerContext, innerFormat, mustBePickle: true);
        }

        return format;
    }

    private static ByteSource? Decompress(ScanContext context, string what, string? path, long compressedLength, Stream decoder, bool dispose = true)
    {
        using (dispose ? decoder : null)
        {
            ByteSource? result = Spool.Fill(decoder, compressedLength, context.Budget, out string? problem);
            if (result is null)
            {
                bool bound = problem is not null && (problem.Contains("limit") || problem.Contains("bomb"));
                context.Findings.Add(bound ? RuleCatalog.LimitExceeded : RuleCatalog.MalformedStream, $"{what} {problem}", null, path, null);
            }

            return result;
        }
    }

    private static void ScanNpy(ScanContext context)
    {
        NpyHeader? header = NpyHeader.Read(context.Source, out string? problem);
        if (header is null)
        {
            context.Findings.Add(RuleCatalog.MalformedStream, $".npy {problem}", null, context.Member, null);
            return;
        }

        if (!header.HasObjects)
        {
            // Plain numeric data: numpy.load never unpickles it, so it is not read.
            return;
        }

        PickleStreamScanner.Scan(context, header.DataOffset, context.Source.Length);
    }

    private static string ZipFormat(List<ZipEntry> entries)
    {
        bool dataPkl = false, constants = false, code = false, allNpy = true;
        foreach (var entry in entries)
        {
            string name = entry.Name;
            dataPkl |= name.EndsWith("/data.pkl", StringComparison.Ordinal) || name == "data.pkl";
            constants |= name.EndsWith("/constants.pkl", StringComparison.Ordinal);
            code |= name.Contains("/code/");
            allNpy &= name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
        }

        return constants || code ? "torchscript" : dataPkl ? "pytorch-zip" : allNpy ? "numpy-zip" : "zip";
    }

    // <archive>/data/<key>: raw tensor bytes in the torch zip format.
    private static bool IsTorchStorage(string name)
    {
        int slash = name.LastIndexOf('/');
        if (slash < 5 || !name.Substring(0, slash).EndsWith("/data", StringComparison.Ordinal) && name.Substring(0, slash) != "data")
        {
            return false;
        }

        for (int i = slash + 1; i < name.Length; i++)
        {
            if (!char.IsLetterOrDigit(name[i]) && name[i] != '_')
            {
                return false;
            }
        }

        return slash + 1 < name.Length;
    }

    private static bool IsTorchPickle(string name) =>
        name.EndsWith(".pkl", StringComparison.Ordinal);

    private static bool HasPickleName(string name)
    {
        foreach (string extension in PickleNames)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Python's zlib/lzma readers (joblib, pandas) go on with the next stream; bytes after the first were not analysed.
    private static string FollowedByBytes(string format) =>
        $"bytes follow the end of the {format} stream; readers that continue with a next stream would decompress them";

    // A zlib stream ends with the Adler-32 of its output: the file must end right there.
    private static string? ZlibEndsWhereTheFileEnds(ScanContext context, Stream input, Stream decoder, ByteSource output)
    {
        var tail = new byte[4];
        if (context.Source.Length < 6 || context.Source.ReadAt(context.Source.Length - 4, tail, 0, 4) != 4)
        {
            return FollowedByBytes("zlib");
        }

        uint a = 1, b = 0;
        var buffer = new byte[1 << 16];
        for (long offset = 0; offset < output.Length;)
        {
            int n = output.ReadAt(offset, buffer, 0, buffer.Length);
            if (n <= 0)
            {
                break;
            }

            for (int i = 0; i < n; i++)
            {
                a = (a + buffer[i]) % 65521;
                b = (b + a) % 65521;
            }

            offset += n;
        }

        uint adler = (b << 16) | a;
        bool matches = tail[0] == (byte)(adler >> 24) && tail[1] == (byte)(adler >> 16) && tail[2] == (byte)(adler >> 8) && tail[3] == (byte)adler;
        return matches ? null : FollowedByBytes("zlib");
    }

    // .NET's GZipStream ends quietly where its input ends, even inside a member: a gzip file cut short would pass
    // for a shorter complete one. Its last member's trailer (CRC-32 and length of that member's output) must close
    // the file, up to the zero padding Python's gzip module accepts.
    private static string? GzipEndsWithItsTrailer(ScanContext context, Stream input, Stream decoder, ByteSource output)
    {
        const string problem = "gzip data does not end with the trailer of its last member: it is cut short, damaged, or followed by bytes that are not a gzip member";
        long length = context.Source.Length;
        long contentEnd = length;
        var probe = new byte[1];
        while (contentEnd > 0 && context.Source.ReadAt(contentEnd - 1, probe, 0, 1) == 1 && probe[0] == 0 && length - contentEnd < 1 << 16)
        {
            contentEnd--;
        }

        // The trailer's own last bytes may be zeros: it ends somewhere from the last non-zero byte to 8 bytes past it.
        var trailer = new byte[8];
        for (long end = length; end >= Math.Max(contentEnd, 18); end--)
        {
            if (context.Source.ReadAt(end - 8, trailer, 0, 8) != 8)
            {
                continue;
            }

            uint crc = (uint)(trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (trailer[3] << 24));
            uint size = (uint)(trailer[4] | (trailer[5] << 8) | (trailer[6] << 16) | (trailer[7] << 24));
            if (output.Length > uint.MaxValue || (size <= output.Length && Crc32Of(output, output.Length - size, size) == crc))
            {
                return null;
            }
        }

        return problem;
    }

    private static uint Crc32Of(ByteSource source, long offset, long count)
    {
        uint crc = 0xFFFFFFFFu;
        var buffer = new byte[(int)Math.Min(1 << 16, Math.Max(1, count))];
        for (long done = 0; done < count;)
        {
            int n = source.ReadAt(offset + done, buffer, 0, (int)Math.Min(buffer.Length, count - done));
            if (n <= 0)
            {
                break;
            }

            crc = Crc32.Update(crc, buffer, 0, n);
            done += n;
        }

        return crc ^ 0xFFFFFFFFu;
    }

    // The range decoder stops at the end marker; a few flush bytes may follow, a second stream may not.
    private static string? LzmaEndsWhereTheFileEnds(ScanContext context, Stream input, Stream decoder, ByteSource output)
    {
        long consumed = ((ByteSourceStream)input).Position - ((LzmaAloneDecoderStream)decoder).UnusedInput;
        return context.Source.Length - consumed <= 8 ? null : FollowedByBytes("lzma");
    }

    // One byte past the spool's limit, so the decoder's own bomb check never fires first (and never overflows).
    private static long DecoderLimit(ScanContext context)
    {
        long limit = context.Budget.Limits.MaxDecompressedBytes;
        return limit >= long.MaxValue - 1 ? long.MaxValue : limit + 1;
    }

    private static Stream SkipBytes(Stream stream, int count)
    {
        for (int i = 0; i < count; i++)
        {
            stream.ReadByte();
        }

        return stream;
    }
}
