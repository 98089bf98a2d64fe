using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using PickleBuildGuard.Policy;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>
/// Pins what the in-buffer fast path of the opcode walk could break: argument reads at the edges of the file read
/// window, FRAME ends, the budget checks it amortises, and stack rules broken in the middle of a run.
/// </summary>
public class OpcodeFastPathTests
{
    // The file cursor reads 64 KiB at a time.
    private const int ReadWindow = 64 * 1024;

    [Fact]
    public void Integer_arguments_straddling_the_file_read_window_read_as_they_do_in_memory()
    {
        byte[] data = MixedWidthPickle(ReadWindow * 3 + 777);
        string path = Path.Combine(Path.GetTempPath(), $"pbg-window-{Guid.NewGuid():N}.pkl");
        File.WriteAllBytes(path, data);
        try
        {
            var scanner = new PickleScanner();
            FileScanResult fromFile = scanner.ScanFile(path);
            FileScanResult fromMemory = scanner.ScanBytes(data);

            Assert.Equal(Describe(fromMemory), Describe(fromFile));
            Assert.Equal(CountOpcodes(data), fromFile.OpcodeCount);

            // Every memo index came back as written (a misread LONG_BINGET index is a malformed-stream finding), and the
            // call at the end is seen.
            Assert.DoesNotContain(fromFile.Findings, f => f.RuleId == "PBG0003");
            Assert.Contains(fromFile.Findings, f => f.RuleId == "PBG1001" && f.Callable == "posix.system");
            Assert.Equal(Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant(), fromFile.Sha256);
            Assert.Equal(fromFile.Sha256, fromMemory.Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_alignment_of_a_BININT_at_the_read_window_edge_reads_its_value(int shift)
    {
        // A LONG_BINPUT whose four-byte index straddles the window edge by `shift` bytes, then a LONG_BINGET of the same
        // index: a misread index is a memo miss (PBG0003).
        var data = new PickleBytes().Proto(4).Op(']');
        int prefix = 3;
        int padding = ReadWindow - prefix - 1 - 4 + shift;
        data.Op('(');
        for (int i = 0; i < (padding - 1) / 2; i++)
        {
            data.Op('K').Byte(i & 0x7F);
        }

        if ((padding - 1) % 2 == 1)
        {
            data.Op('N');
        }

        data.Op('e').Op('r').Raw(BitConverter.GetBytes(0x01020304)).Op('j').Raw(BitConverter.GetBytes(0x01020304)).Op('a').Op('.');
        byte[] bytes = data.ToArray();

        string path = Path.Combine(Path.GetTempPath(), $"pbg-edge-{Guid.NewGuid():N}.pkl");
        File.WriteAllBytes(path, bytes);
        try
        {
            FileScanResult fromFile = new PickleScanner().ScanFile(path);
            Assert.Equal(Describe(new PickleScanner().ScanBytes(bytes)), Describe(fromFile));
            Assert.Equal(Verdict.Clean, fromFile.Verdict);
            Assert.Equal(ScanStatus.Complete, fromFile.Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_frame_that_ends_between_small_ints_is_consumed_and_one_that_ends_inside_one_is_reported()
    {
        // EMPTY_LIST, MARK and 1,000 BININT1 inside a FRAME that ends right after the last of them: a frame end on an
        // opcode boundary is not a finding.
        FileScanResult consumed = new PickleScanner().ScanBytes(FramedInts(2000, frameLength: 2 + 2000));
        Assert.DoesNotContain(consumed.Findings, f => f.RuleId == "PBG1011");
        Assert.Equal(Verdict.Clean, consumed.Verdict);

        // The same frame one byte shorter ends inside the last BININT1 (PROTO and FRAME take 11 bytes before it).
        FileScanResult crossing = new PickleScanner().ScanBytes(FramedInts(2000, frameLength: 2 + 2000 - 1));
        Finding finding = Assert.Single(crossing.Findings, f => f.RuleId == "PBG1011" && f.Message.Contains("crosses the end of its FRAME"));
        Assert.Equal(11 + 2 + 2000 - 2, finding.Offset);
    }

    [Fact]
    public void The_opcode_budget_stops_at_the_same_opcode_inside_a_run()
    {
        byte[] data = IntList(200_000);
        var limited = new PickleScanner(new ScanPolicy { Limits = new ScanLimits { MaxOpcodes = 70_000 } });
        FileScanResult result = limited.ScanBytes(data);

        Assert.Equal(70_001, result.OpcodeCount);
        Finding budget = Assert.Single(result.Findings, f => f.RuleId == "PBG0004");
        Assert.Contains("opcode budget of 70,000 exceeded", budget.Message);
        Assert.Equal(OffsetOfOpcode(data, 70_001), budget.Offset);
        Assert.Equal(Verdict.Unknown, result.Verdict);
    }

    [Fact]
    public void The_clock_is_read_at_every_65536th_opcode_inside_a_run()
    {
        byte[] data = IntList(200_000);
        var noTime = new PickleScanner(new ScanPolicy { Limits = new ScanLimits { Timeout = TimeSpan.Zero } });
        FileScanResult result = noTime.ScanBytes(data);

        Finding timeout = Assert.Single(result.Findings, f => f.RuleId == "PBG0004");
        Assert.Contains("time budget", timeout.Message);
        Assert.Equal(OffsetOfOpcode(data, 65_536), timeout.Offset);
        Assert.Equal(ScanStatus.Inconclusive, result.Status);
    }

    [Fact]
    public void A_stack_limit_reached_inside_a_run_stops_at_the_push_that_reached_it()
    {
        // PROTO, EMPTY_LIST, MARK, then ints: the list and 99 ints fill a stack of 100; the 100th int (offset 4 + 2 * 99)
        // goes over.
        byte[] data = IntList(1000);
        var limited = new PickleScanner(new ScanPolicy { Limits = new ScanLimits { MaxStackDepth = 100 } });
        FileScanResult result = limited.ScanBytes(data);

        Finding limit = Assert.Single(result.Findings, f => f.RuleId == "PBG0004");
        Assert.Contains("stack or MARK depth limit reached", limit.Message);
        Assert.Equal(4 + (2 * 99), limit.Offset);
    }

    [Fact]
    public void A_stack_underflow_inside_a_run_is_reported_once_at_its_opcode_and_the_walk_goes_on()
    {
        // APPENDS with no MARK open, amid small ints; then a call that must still be seen.
        var data = new PickleBytes().Proto(4).Op(']');
        for (int i = 0; i < 50; i++)
        {
            data.Op('K').Byte(i);
        }

        data.Op('e');
        for (int i = 0; i < 50; i++)
        {
            data.Op('K').Byte(i).Op('0');
        }

        data.Op('e').Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.');
        FileScanResult result = new PickleScanner().ScanBytes(data.ToArray());

        Finding underflow = Assert.Single(result.Findings, f => f.Message.Contains("needs more stack values or a MARK"));
        Assert.Equal(3 + (2 * 50), underflow.Offset);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "posix.system");
    }

    [Fact]
    public void PROTO_first_in_each_concatenated_pickle_is_not_structural_but_PROTO_after_data_is()
    {
        byte[] one = IntList(300);
        FileScanResult twice = new PickleScanner().ScanBytes(one.Concat(one).ToArray());
        Assert.DoesNotContain(twice.Findings, f => f.Message.Contains("in the middle of the stream"));
        Assert.Equal(Verdict.Clean, twice.Verdict);

        var late = new PickleBytes().Op(']').Op('(').Op('K').Byte(1).Op('K').Byte(2).Op('e').Proto(4).Op('.').ToArray();
        Finding proto = Assert.Single(new PickleScanner().ScanBytes(late).Findings, f => f.Message.Contains("in the middle of the stream"));
        Assert.Equal(7, proto.Offset);
    }

    // PROTO 4, EMPTY_LIST, MARK, `count` BININT1, APPENDS, STOP.
    private static byte[] IntList(int count)
    {
        var data = new PickleBytes().Proto(4).Op(']').Op('(');
        for (int i = 0; i < count; i++)
        {
            data.Op('K').Byte(i & 0xFF);
        }

        return data.Op('e').Op('.').ToArray();
    }

    // PROTO 4, FRAME frameLength, EMPTY_LIST, MARK, BININT1 × (intBytes / 2), APPENDS, STOP.
    private static byte[] FramedInts(int intBytes, long frameLength)
    {
        var data = new PickleBytes().Proto(4).Op(0x95).Raw(BitConverter.GetBytes(frameLength)).Op(']').Op('(');
        for (int i = 0; i < intBytes / 2; i++)
        {
            data.Op('K').Byte(i & 0xFF);
        }

        return data.Op('e').Op('.').ToArray();
    }

    // Every argument width the fast path decodes (1, 2, 4 bytes; signed and unsigned), memo puts and gets, EMPTY_*,
    // tuples and NONE, in a pattern whose length is odd so arguments fall across every offset of the read window;
    // a posix.system call at the end.
    private static byte[] MixedWidthPickle(int minimumLength)
    {
        var data = new PickleBytes().Proto(4).Op(']').Op('(');
        int memo = 0;
        for (int i = 0; data.Length < minimumLength; i++)
        {
            data.Op('K').Byte(i & 0xFF);
            data.Op('M').Byte(i & 0xFF).Byte((i >> 8) & 0xFF);
            data.Op('J').Raw(BitConverter.GetBytes(-i * 7919));
            data.Op('}').Op('r').Raw(BitConverter.GetBytes(memo)).Op('0');
            data.Op('j').Raw(BitConverter.GetBytes(memo));
            data.Op('N').Op(0x85);
            memo++;
        }

        return data.Op('e').Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
    }

    private static string Describe(FileScanResult result) =>
        $"{result.Verdict} {result.Status} {result.OpcodeCount}\n" + string.Join("\n", result.Findings.Select(f => f.ToString()));

    // Counted with the general reader alone (no machine, no fast path).
    private static long CountOpcodes(byte[] data)
    {
        var reader = new Pickle.OpcodeReader(new Input.ByteCursor(new Input.ArrayByteSource(data), 0, data.Length), 1 << 20, 0);
        var op = default(Pickle.PickleOp);
        long count = 0;
        while (reader.Next(ref op) == Pickle.ReadStatus.Ok)
        {
            count++;
        }

        return count;
    }

    // Offset of the n-th opcode (1-based), found with the general reader alone.
    private static long OffsetOfOpcode(byte[] data, long n)
    {
        var reader = new Pickle.OpcodeReader(new Input.ByteCursor(new Input.ArrayByteSource(data), 0, data.Length), 1 << 20, 0);
        var op = default(Pickle.PickleOp);
        for (long i = 0; i < n; i++)
        {
            Assert.Equal(Pickle.ReadStatus.Ok, reader.Next(ref op));
        }

        return op.Offset;
    }
}
