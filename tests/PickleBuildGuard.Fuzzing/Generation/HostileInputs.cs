using System.Collections.Generic;
using System.Linq;
using PickleBuildGuard.Fuzzing.Oracles;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Fuzzing.Generation;

/// <summary>
/// The catalogue of inputs built in code: decompression bombs, deep MARK/list/dict/tuple nesting, memo and stack
/// floods, inflated length claims, stream floods, resynchronisation storms, nested payloads and containers, a zip
/// with 100,000 entries. Each sits just under or just over the limit it aims at, with the verdict that follows.
/// </summary>
public static class HostileInputs
{
    private const string Generator = "generate";

    public static IReadOnlyList<HostileCase> All { get; } = Build(ScanLimits.Default);

    public static HostileCase Find(string name) => All.First(c => c.Name == name);

    private static IReadOnlyList<HostileCase> Build(ScanLimits limits)
    {
        var cases = new List<HostileCase>();
        void Add(string name, System.Func<byte[]> make, Expectation expectation, string description, bool expensive = false) =>
            cases.Add(new HostileCase(name, expensive, () => new FuzzInput(make(), Generator, name, description, expectation)));

        Expectation clean = Expectation.Exactly(Verdict.Clean, "benign and within every limit");
        Expectation critical = Expectation.AtLeast(Verdict.Critical, "calls posix.system within every limit");
        Expectation overLimit = Expectation.AtLeast(Verdict.Unknown, "over a limit", "PBG0004");

        // Nesting: open MARKs, nested lists, dicts, tuples — at and past the MARK limit.
        foreach (int depth in new[] { 1_000, limits.MaxMarkDepth, limits.MaxMarkDepth + 1 })
        {
            Add($"mark-nesting-{depth}", () => new PickleWriter().Proto().Repeat('(', depth).Op('N').Repeat('t', depth).Stop(),
                depth <= limits.MaxMarkDepth ? clean : overLimit, $"{depth} nested MARK ... TUPLE");
        }

        Add("list-nesting-500000", () => new PickleWriter().Proto().Repeat(']', 500_000).Repeat('a', 499_999).Stop(), clean, "500,000 nested lists");
        Add("dict-nesting-300000", () => new PickleWriter().Proto().Op('}').Repeat(new byte[] { 0x8c, 1, (byte)'k', (byte)'}' }, 299_999).Repeat('s', 299_999).Stop(), clean, "300,000 nested dicts");
        Add("tuple1-nesting-500000", () => new PickleWriter().Proto().Op('N').Repeat(new byte[] { 0x85 }, 500_000).Stop(), clean, "500,000 nested 1-tuples");
        Add("deep-argument-to-system", () => new PickleWriter().Proto().Global("posix", "system").Op('N').Repeat(new byte[] { 0x85 }, 200_000).Op(0x85).Op('R').Stop(),
            Expectation.AtLeast(Verdict.Dangerous, "calls posix.system with a 200,000-deep tuple"), "posix.system(((((None,),),)…)");
        Add("self-referencing-argument", () => new PickleWriter().Proto().Global("posix", "system").Op(']').Op(0x94).Op('h').Byte(0).Op('a').Op(0x85).Op('R').Stop(),
            Expectation.AtLeast(Verdict.Dangerous, "calls posix.system with a list that contains itself"), "l = []; l.append(l); posix.system(l)");
        Add("self-referencing-dict-build", () => new PickleWriter().Proto().Global("collections", "OrderedDict").Op(')').Op('R').Op(0x94)
            .Op('}').Op(0x94).Unicode("self").Op('h').Byte(1).Op('s').Op('b').Stop(), Expectation.Any, "a BUILD state dict that contains itself");

        // Memo and stack floods.
        Add("memo-flood-under-limit", () => new PickleWriter().Proto().Repeat(new byte[] { (byte)'N', 0x94, (byte)'0' }, 100_000).Op('N').Stop(), clean, "100,000 memo entries");
        Add("memo-flood-over-limit", () => new PickleWriter().Proto().Repeat(new byte[] { (byte)'N', 0x94, (byte)'0' }, limits.MaxMemoEntries + 1).Op('N').Stop(),
            overLimit, $"{limits.MaxMemoEntries + 1} memo entries", expensive: true);
        Add("memo-sparse-long-binput", () => SparseMemo(200_000), Expectation.Any, "200,000 LONG_BINPUTs at scattered 32-bit indices");
        Add("memo-get-flood", () => new PickleWriter().Proto().Op('N').Op(0x94).Repeat(new byte[] { (byte)'h', 0 }, limits.MaxStackDepth + 1).Stop(),
            overLimit, $"{limits.MaxStackDepth + 1} BINGETs of one memo entry (a stack flood)", expensive: true);
        Add("stack-flood-under-limit", () => new PickleWriter().Proto().Op('(').Repeat('N', limits.MaxStackDepth - 10).Op('t').Stop(), clean, $"{limits.MaxStackDepth - 10} values on the stack");
        Add("stack-flood-over-limit", () => new PickleWriter().Proto().Op('(').Repeat('N', limits.MaxStackDepth + 1).Op('t').Stop(), overLimit, $"{limits.MaxStackDepth + 1} values on the stack");

        // Long arguments and inflated length claims.
        Add("long-decimal-line", () => new PickleWriter().Op('L').Raw(Digits(limits.MaxLineLength - 16)).Raw(new[] { (byte)'L', (byte)'\n' }).Stop(),
            Expectation.Any, "a LONG of a million decimal digits");
        Add("int-line-too-long", () => new PickleWriter().Op('I').Raw(Digits(limits.MaxLineLength + 16)).Raw(new[] { (byte)'\n' }).Stop(),
            Expectation.NotClean("a line longer than maxLineLength is not read"), "an INT line past the line limit");
        Add("long4-8mib", () => new PickleWriter().Proto().Op(0x8b).UInt32(8 << 20).Raw(new byte[8 << 20]).Stop(), Expectation.Any, "an 8 MiB LONG4");
        foreach (var (opcode, name, width) in new[] { ((byte)0x8e, "BINBYTES8", 8), ((byte)0x8d, "BINUNICODE8", 8), ((byte)0x96, "BYTEARRAY8", 8), ((byte)'X', "BINUNICODE", 4), ((byte)0x8b, "LONG4", 4), ((byte)'T', "BINSTRING", 4) })
        {
            Add($"{name}-claims-huge-length", () => new PickleWriter().Proto(5).Op(opcode).Raw(width == 8 ? System.BitConverter.GetBytes(long.MaxValue - 7) : System.BitConverter.GetBytes(int.MaxValue)).Raw(new byte[16]).Stop(),
                Expectation.NotClean("the data the length claims is not there"), $"{name} claiming {(width == 8 ? long.MaxValue - 7 : int.MaxValue)} bytes, 17 present");
        }

        Add("frame-claims-huge-length", () => new PickleWriter().Proto().Op(0x95).UInt64(long.MaxValue).Op('N').Stop(),
            Expectation.AtLeast(Verdict.Unknown, "a frame longer than the stream is a truncated stream", "PBG0002"), "FRAME of 2^63-1 bytes around NONE STOP");
        Add("frame-flood", () => new PickleWriter().Proto().Repeat(new byte[] { 0x95, 1, 0, 0, 0, 0, 0, 0, 0, (byte)'N', (byte)'0' }, 200_000).Op('N').Stop(), Expectation.Any, "200,000 tiny frames");
        Add("long-global-name", () => new PickleWriter().Proto(2).Global(new string('a', limits.MaxLineLength - 64), "b").Op('.').ToArray(), Expectation.NotClean("an unknown global"), "GLOBAL with a 1 MiB module name");
        Add("many-unknown-globals", () => ManyGlobals(100_000), Expectation.NotClean("100,000 unknown globals"), "100,000 distinct unknown globals");
        Add("many-dangerous-calls", () => ManyCalls(20_000), critical, "20,000 calls of posix.system");

        // Stream floods and resynchronisation.
        Add("streams-at-limit", () => new PickleWriter().Repeat(new byte[] { (byte)'N', (byte)'.' }, limits.MaxStreams).ToArray(), clean, $"{limits.MaxStreams} concatenated pickles");
        Add("streams-over-limit", () => new PickleWriter().Repeat(new byte[] { (byte)'N', (byte)'.' }, limits.MaxStreams + 1).ToArray(), overLimit, $"{limits.MaxStreams + 1} concatenated pickles");
        Add("resync-storm", () => new PickleWriter().Proto(2).Byte(0xFF).Repeat(new PickleWriter().Proto(2).Repeat('N', 20_000).ToArray(), 300).ToArray(),
            Expectation.NotClean("malformed"), "a bad opcode, then 300 PROTO-led runs of 20,000 NONEs without STOP");
        Add("payload-after-junk", () => new PickleWriter().Raw(new byte[] { 0xFF, 0xFE }).Raw(PickleWriter.Payload("after_junk")).ToArray(), critical, "two junk bytes, then a payload");

        // Nested payloads.
        foreach (int depth in new[] { 1, 2, limits.MaxNestedPayloadDepth + 2 })
        {
            Add($"nested-payload-depth-{depth}", () => NestedPayload(depth),
                depth <= limits.MaxNestedPayloadDepth ? Expectation.AtLeast(Verdict.Dangerous, "a nested pickle calls posix.system") : Expectation.NotClean("a payload nested past the limit"),
                $"posix.system in a pickle in BINBYTES, {depth} deep");
        }

        // Decompression bombs.
        const long bomb = 300L << 20;
        Add("gzip-bomb", () => ArchiveWriter.GzipOfZeros(bomb), overLimit, "gzip of 300 MiB of zeros", expensive: true);
        Add("zlib-bomb", () => ArchiveWriter.ZlibOfZeros(bomb), overLimit, "zlib of 300 MiB of zeros", expensive: true);
        Add("zip-member-bomb", () => ArchiveWriter.DeflatedZip("archive/data.pkl", new byte[bomb]), overLimit, "a zip member data.pkl that deflates from 300 MiB of zeros", expensive: true);
        Add("zip-overlapping-members", () => ArchiveWriter.OverlappingZip(new byte[60 << 20], 400),
            Expectation.NotClean("400 overlapping members of 60 MiB each"), "400 central entries on one deflated 60 MiB member (24 GB if each is inflated)", expensive: true);
        Add("gzip-of-pickle-of-zeros", () => ArchiveWriter.Gzip(new PickleWriter().Proto().Op(0x8e).UInt64(40 << 20).Raw(new byte[40 << 20]).Stop()), clean, "gzip of a pickle of 40 MiB of zero bytes (spooled to disk)", expensive: true);

        // Nested containers, at and past the container depth limit.
        foreach (int depth in new[] { limits.MaxContainerDepth, limits.MaxContainerDepth + 1 })
        {
            Add($"nested-gzip-{depth}", () => Nest(PickleWriter.Payload($"gzip{depth}"), depth, ArchiveWriter.Gzip),
                depth <= limits.MaxContainerDepth ? critical : overLimit, $"a payload in {depth} gzip layers");
            Add($"nested-zip-{depth}", () => Nest(PickleWriter.Payload($"zip{depth}"), depth, inner => ArchiveWriter.StoredZip(new[] { ("m.pkl", inner) })),
                depth <= limits.MaxContainerDepth ? critical : overLimit, $"a payload in {depth} nested zips");
        }

        // Many entries.
        // The stream budget is shared by the file: past it members are swept for dangerous globals, not analysed.
        Add("zip-under-stream-limit", () => ArchiveWriter.StoredZip(Enumerable.Range(0, limits.MaxStreams).Select(i => ($"m{i}.pkl", PickleWriter.BenignNone()))),
            clean, $"{limits.MaxStreams:N0} stored members, each a benign pickle");
        Add("zip-100000-benign-entries", () => ArchiveWriter.StoredZip(Enumerable.Range(0, 100_000).Select(i => ($"m{i}.pkl", PickleWriter.BenignNone()))),
            Expectation.Exactly(Verdict.Unknown, "more pickles than maxStreams", "PBG0004"), "100,000 stored members, each a benign pickle", expensive: true);
        Add("zip-100000-entries-payload-last", () => ArchiveWriter.StoredZip(Enumerable.Range(0, 100_000).Select(i => ($"m{i}.pkl", i == 99_999 ? PickleWriter.Payload("zip_last") : PickleWriter.BenignNone()))),
            Expectation.AtLeast(Verdict.Dangerous, "the payload member past maxStreams is swept for dangerous globals", "PBG0004"), "100,000 stored members, the last one a payload", expensive: true);
        Add("tar-100001-members-payload-last", () => ArchiveWriter.Tar(Enumerable.Range(0, 100_001).Select(i => i == 100_000 ? ("evil.pkl", PickleWriter.Payload("tar_last")) : ($"m{i}.txt", System.Array.Empty<byte>()))),
            Expectation.AtLeast(Verdict.Unknown, "members past the tar member limit are not read", "PBG0004"), "a tar of 100,000 empty text members and a payload", expensive: true);
        return cases;
    }

    private static byte[] Digits(int count)
    {
        var digits = new byte[count];
        for (int i = 0; i < count; i++)
        {
            digits[i] = (byte)('1' + (i % 9));
        }

        return digits;
    }

    private static byte[] SparseMemo(int count)
    {
        var writer = new PickleWriter().Proto().Op('N');
        uint index = 2_654_435_761;
        for (int i = 0; i < count; i++)
        {
            index = (index * 1_103_515_245) + 12_345;
            writer.Op('r').UInt32(index);
        }

        return writer.Stop();
    }

    private static byte[] ManyGlobals(int count)
    {
        var writer = new PickleWriter().Proto(2).Op('(');
        for (int i = 0; i < count; i++)
        {
            writer.Global($"fuzzmodule{i}", "thing");
        }

        return writer.Op('t').Stop();
    }

    private static byte[] ManyCalls(int count)
    {
        var writer = new PickleWriter().Proto().Op('(');
        for (int i = 0; i < count; i++)
        {
            writer.SystemCall($"many_{i}");
        }

        return writer.Op('t').Stop();
    }

    private static byte[] NestedPayload(int depth)
    {
        byte[] inner = PickleWriter.Payload($"nested{depth}");
        for (int i = 0; i < depth; i++)
        {
            inner = new PickleWriter().Proto().Bytes(inner).Stop();
        }

        return inner;
    }

    private static byte[] Nest(byte[] content, int depth, System.Func<byte[], byte[]> wrap)
    {
        for (int i = 0; i < depth; i++)
        {
            content = wrap(content);
        }

        return content;
    }
}
