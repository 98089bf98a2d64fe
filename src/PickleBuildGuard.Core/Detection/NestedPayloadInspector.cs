using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using PickleBuildGuard.Input;
using PickleBuildGuard.Machine;
using PickleBuildGuard.Pickle;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Detection;

/// <summary>
/// Finds pickles hidden inside string and bytes values (raw, base64, hex, zlib/gzip, latin-1 text) and scans
/// them with the same engine, one level deeper. Cheap prefix tests run on every value; decoding happens only
/// when a prefix matches, and always within the decoded-size limit.
/// </summary>
internal static class NestedPayloadInspector
{
    /// <summary>Values shorter than this are never inspected.</summary>
    public const int MinimumLength = 6;

    /// <summary>Inspects one value; returns what a nested scan found, or null when the value holds no pickle.</summary>
    public static NestedPayload? Inspect(ScanContext context, byte[] window, int index, int length, long dataOffset, long dataLength, long opcodeOffset)
    {
        string? encoding = Classify(window, index, length);
        if (encoding is null)
        {
            return null;
        }

        byte[]? decoded;
        ByteSource? nested = null;
        if (encoding == "raw")
        {
            // Counted data is scanned where it lies; a protocol-0 STRING (escaped line) only through its window.
            nested = dataOffset >= 0 ? context.Source.Slice(dataOffset, dataLength) : new ArrayByteSource(Copy(window, index, length));
            decoded = null;
        }
        else
        {
            byte[] text = dataLength > length && dataOffset >= 0 ? ReadAll(context, dataOffset, dataLength) ?? Copy(window, index, length) : Copy(window, index, length);
            decoded = DecodeLayers(context, ref encoding, text, text.Length < dataLength, opcodeOffset);
            if (decoded is null)
            {
                return null;
            }
        }

        return ScanNested(context, nested ?? new ArrayByteSource(decoded!), encoding, opcodeOffset);
    }

    /// <summary>_codecs.encode(text, 'latin1'): the bytes protocol 2 writes for a bytes object; scanned when they hold a pickle.</summary>
    public static NestedPayload? InspectLatin1Text(ScanContext context, in Value text, long callOffset)
    {
        string? content = text.Text;
        if (content is null && text.Ref is DataRange range && range.Offset >= 0 && range.Length <= context.Budget.Limits.MaxDecodedPayloadBytes * 2L)
        {
            byte[]? utf8 = ReadAll(context, range.Offset, range.Length);
            content = utf8 is null ? null : (range.IsUtf8Text ? Encoding.UTF8 : Encoding.GetEncoding("ISO-8859-1")).GetString(utf8);
        }

        if (content is null || content.Length < MinimumLength)
        {
            return null;
        }

        var bytes = new byte[content.Length];
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] > 0xFF)
            {
                return null;
            }

            bytes[i] = (byte)content[i];
        }

        string? kind = Classify(bytes, 0, bytes.Length);
        if (kind is null)
        {
            return null;
        }

        if (kind == "raw")
        {
            return ScanNested(context, new ArrayByteSource(bytes), "latin-1 bytes", callOffset);
        }

        // Compressed bytes written at protocols 0-2 (zlib/gzip of a pickle inside _codecs.encode).
        string label = kind;
        byte[]? decoded = DecodeLayers(context, ref label, bytes, alreadyCut: false, callOffset);
        return decoded is null ? null : ScanNested(context, new ArrayByteSource(decoded), "latin-1 bytes+" + label, callOffset);
    }

    /// <summary>raw, base64, hex, zlib or null, from the first bytes only.</summary>
    internal static string? Classify(byte[] data, int index, int length) => Classify(data, index, length, layers: 2);

    private static string? Classify(byte[] data, int index, int length, int layers)
    {
        if (length < MinimumLength)
        {
            return null;
        }

        byte b0 = data[index], b1 = data[index + 1];
        if (b0 == 0x80 && b1 <= 5 && IsOpcodeStart(data[index + 2]))
        {
            return "raw";
        }

        if ((b0 == (byte)'c' || b0 == (byte)'i') && LooksLikeGlobalLine(data, index, length))
        {
            return "raw";
        }

        // Protocol 0/1 pickles often open with a MARK, arguments or a container before their first GLOBAL/INST.
        if ((b0 == (byte)'(' || b0 == (byte)']' || b0 == (byte)'}') && ReachesGlobal(data, index, length))
        {
            return "raw";
        }

        if ((b0 == 0x78 && (b1 == 0x01 || b1 == 0x5E || b1 == 0x9C || b1 == 0xDA)) || (b0 == 0x1F && b1 == 0x8B))
        {
            return "zlib";
        }

        if (layers == 0)
        {
            return null;
        }

        // Text encodings: decode a short prefix and see whether a pickle (or a compressed one) starts there.
        int base64Run = Math.Min(length, 88) / 4 * 4;
        if (base64Run >= 16 && IsBase64Prefix(data, index, 16) && DecodedPrefixIsPayload("base64", data, index, RunLength(data, index, base64Run, IsBase64Byte) / 4 * 4, layers))
        {
            return "base64";
        }

        int hexStart = b0 == (byte)'0' && (b1 == (byte)'x' || b1 == (byte)'X') ? index + 2 : index;
        int hexRun = RunLength(data, hexStart, Math.Min(length - (hexStart - index), 128), IsHexByte) / 2 * 2;
        if (hexRun >= 12 && DecodedPrefixIsPayload("hex", data, hexStart, hexRun, layers))
        {
            return "hex";
        }

        return null;
    }

    private static bool DecodedPrefixIsPayload(string encoding, byte[] data, int index, int count, int layers)
    {
        var prefix = new byte[count];
        Buffer.BlockCopy(data, index, prefix, 0, count);
        byte[]? decoded = Decode(encoding, prefix, count);
        return decoded is { Length: >= MinimumLength } && Classify(decoded, 0, decoded.Length, layers - 1) is not null;
    }

    // Peels encodings (base64 of zlib of a pickle…) up to three layers; null unless a pickle comes out. Any layer
    // cut at the decoding limit makes the result unverified (PBG0004).
    private static byte[]? DecodeLayers(ScanContext context, ref string encoding, byte[] data, bool alreadyCut, long opcodeOffset)
    {
        int maxDecoded = context.Budget.Limits.MaxDecodedPayloadBytes;
        bool cut = alreadyCut;
        string layer = encoding;
        byte[]? decoded = Decode(layer, data, maxDecoded, ref cut);
        for (int depth = 0; depth < 2 && decoded is not null && Classify(decoded, 0, decoded.Length) is { } inner && inner != "raw"; depth++)
        {
            encoding += "+" + inner;
            decoded = Decode(inner, decoded, maxDecoded, ref cut);
        }

        if (decoded is null || Classify(decoded, 0, decoded.Length) != "raw")
        {
            return null;
        }

        if (cut)
        {
            context.Findings.Add(RuleCatalog.LimitExceeded, $"a {encoding} pickle inside a value at offset {opcodeOffset} is larger than the {maxDecoded:N0}-byte decoding limit", null, context.Member, opcodeOffset);
        }

        return decoded;
    }

    private static NestedPayload ScanNested(ScanContext context, ByteSource source, string encoding, long opcodeOffset)
    {
        string label = $"{context.Member ?? string.Empty}@{opcodeOffset}({encoding})".TrimStart();
        if (context.Depth >= context.Budget.Limits.MaxNestedPayloadDepth)
        {
            context.Findings.Add(RuleCatalog.LimitExceeded, $"a {encoding} pickle nested {context.Depth + 1} levels deep was not analysed (limit {context.Budget.Limits.MaxNestedPayloadDepth})", null, context.Member, opcodeOffset);
            return new NestedPayload(encoding, Verdict.Unknown, ScanStatus.Inconclusive);
        }

        // A legacy torch.save stream (what torch.storage._load_from_bytes reads) refers to its storages by persistent id.
        ScanContext inner = context.ForNested(source, label, persistentIdsExpected: PickleStreamScanner.IsLegacyTorch(source, 0));
        PickleStreamScanner.Scan(inner, 0, source.Length, allowLegacyTorchTail: true);
        var nestedFindings = inner.Findings;
        bool complete = !nestedFindings.Incomplete;
        Verdict worst = nestedFindings.Worst;

        // A limit reached inside the payload leaves it unverified: the file is not clean (fail-closed).
        foreach (var finding in nestedFindings.Findings)
        {
            if (finding.RuleId == RuleCatalog.LimitExceeded.Id)
            {
                context.Findings.Add(RuleCatalog.LimitExceeded, $"{encoding} pickle inside a value at offset {opcodeOffset}: {finding.Message}", null, context.Member, opcodeOffset);
            }
        }

        // A value that merely starts like a pickle but holds invalid opcodes (random bytes, float data) is data: only
        // findings that name a dangerous callable survive from such a parse. A pickle that only runs out early
        // (truncated) is a pickle: everything it showed counts.
        if (!complete)
        {
            bool malformed = false;
            foreach (var finding in nestedFindings.Findings)
            {
                malformed |= finding.RuleId == RuleCatalog.MalformedStream.Id;
            }

            var named = new System.Collections.Generic.List<Finding>();
            foreach (var finding in nestedFindings.Findings)
            {
                bool content = !finding.RuleId.StartsWith("PBG0", StringComparison.Ordinal) && finding.Severity >= Verdict.Suspicious;
                bool strong = finding.Callable is not null && finding.Severity >= Verdict.Dangerous && finding.RuleId is "PBG1001" or "PBG1002" or "PBG1003" or "PBG1010";
                if (malformed ? strong : content)
                {
                    named.Add(finding);
                }
            }

            if (named.Count == 0)
            {
                return new NestedPayload(encoding, Verdict.Unknown, ScanStatus.Inconclusive);
            }

            Report(context, encoding, opcodeOffset, named);
            return new NestedPayload(encoding, worst, ScanStatus.Inconclusive);
        }

        Report(context, encoding, opcodeOffset, nestedFindings.Findings);
        if (nestedFindings.Findings.Count == 0)
        {
            context.Findings.AddNotice("nested-pickle", $"a {encoding} pickle inside a value at offset {opcodeOffset} was scanned and is clean");
        }

        return new NestedPayload(encoding, worst, ScanStatus.Complete);
    }

    private static void Report(ScanContext context, string encoding, long opcodeOffset, System.Collections.Generic.IReadOnlyList<Finding> nested)
    {
        foreach (var finding in nested)
        {
            if (finding.RuleId.StartsWith("PBG0", StringComparison.Ordinal))
            {
                // The payload's content findings carry the verdict; how its parse ended is context.
                context.Findings.AddNotice("nested-pickle", $"{encoding} pickle inside a value at offset {opcodeOffset}: {finding.RuleId} {finding.Message}");
                continue;
            }

            Verdict severity = finding.Severity < Verdict.Suspicious ? Verdict.Suspicious : finding.Severity;
            context.Findings.Add(
                RuleCatalog.NestedPickle,
                $"{encoding} pickle inside a value at offset {opcodeOffset}: {finding.RuleId} {finding.Message}",
                finding.Callable,
                context.Member,
                opcodeOffset,
                severity);
        }
    }

    // Parses the first opcodes of the value: a pickle reaches an import (GLOBAL, INST, STACK_GLOBAL) before any error.
    private static bool ReachesGlobal(byte[] data, int index, int length)
    {
        int probe = Math.Min(length, 512);
        var reader = new OpcodeReader(new ByteCursor(new ArrayByteSource(data, index, probe), 0, probe), maxLineLength: probe, inspectBytes: 0);
        var op = default(PickleOp);
        for (int i = 0; i < 64 && reader.Next(ref op) == ReadStatus.Ok; i++)
        {
            if (op.Info.Behavior is OpcodeBehavior.Global or OpcodeBehavior.Inst or OpcodeBehavior.StackGlobal)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOpcodeStart(byte b) => Pickle.OpcodeTable.Find(b) is not null;

    private static bool LooksLikeGlobalLine(byte[] data, int index, int length)
    {
        int end = index + Math.Min(length, 256);
        int newlines = 0;
        for (int i = index + 1; i < end; i++)
        {
            byte c = data[i];
            if (c == (byte)'\n')
            {
                if (++newlines == 2)
                {
                    return i > index + 3;
                }

                continue;
            }

            bool identifier = c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
            if (!identifier)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsBase64Prefix(byte[] data, int index, int count) => RunLength(data, index, count, IsBase64Byte) == count;

    private static int RunLength(byte[] data, int index, int max, Func<byte, bool> accepted)
    {
        int n = 0;
        while (n < max && index + n < data.Length && accepted(data[index + n]))
        {
            n++;
        }

        return n;
    }

    private static bool IsBase64Byte(byte c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '-' || c == '_';

    private static bool IsHexByte(byte c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static byte[]? Decode(string encoding, byte[] text, int maxBytes)
    {
        bool ignored = false;
        return Decode(encoding, text, maxBytes, ref ignored);
    }

    private static byte[]? Decode(string encoding, byte[] text, int maxBytes, ref bool cut)
    {
        try
        {
            switch (encoding)
            {
                case "base64":
                    string b64 = Encoding.ASCII.GetString(text).Trim().Replace('-', '+').Replace('_', '/');
                    int usable = b64.Length - (b64.Length % 4);
                    if ((long)usable * 3 / 4 > maxBytes)
                    {
                        usable = maxBytes / 3 * 4;
                        cut = true;
                    }

                    return Convert.FromBase64String(b64.Substring(0, usable));
                case "hex":
                    if (text.Length > 2 && text[0] == (byte)'0' && (text[1] == (byte)'x' || text[1] == (byte)'X'))
                    {
                        text = Copy(text, 2, text.Length - 2);
                    }

                    int digits = Math.Min(text.Length / 2, maxBytes);
                    cut |= digits < text.Length / 2;
                    var bytes = new byte[digits];
                    for (int i = 0; i < digits; i++)
                    {
                        int hi = HexValue(text[2 * i]), lo = HexValue(text[(2 * i) + 1]);
                        if (hi < 0 || lo < 0)
                        {
                            Array.Resize(ref bytes, i);
                            break;
                        }

                        bytes[i] = (byte)((hi << 4) | lo);
                    }

                    return bytes;
                case "zlib":
                    using (var input = new MemoryStream(text))
                    using (Stream inflater = text[0] == 0x1F ? new GZipStream(input, CompressionMode.Decompress) : new DeflateStream(Skip(input, 2), CompressionMode.Decompress))
                    {
                        byte[] inflated = ReadBounded(inflater, maxBytes);
                        cut |= inflated.Length >= maxBytes;
                        return inflated;
                    }

                default:
                    return null;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static Stream Skip(Stream stream, int count)
    {
        stream.Position += count;
        return stream;
    }

    private static byte[] ReadBounded(Stream stream, int maxBytes)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while (output.Length < maxBytes && (n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - output.Length))) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    private static int HexValue(byte c) => c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    private static byte[]? ReadAll(ScanContext context, long offset, long length)
    {
        if (length > context.Budget.Limits.MaxDecodedPayloadBytes * 2L)
        {
            length = context.Budget.Limits.MaxDecodedPayloadBytes * 2L;
        }

        var data = new byte[length];
        int total = 0;
        while (total < length)
        {
            int n = context.Source.ReadAt(offset + total, data, total, (int)(length - total));
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total == length ? data : null;
    }

    private static byte[] Copy(byte[] data, int index, int length)
    {
        var copy = new byte[length];
        Buffer.BlockCopy(data, index, copy, 0, length);
        return copy;
    }
}
