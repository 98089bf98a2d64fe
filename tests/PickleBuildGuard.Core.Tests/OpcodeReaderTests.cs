using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PickleBuildGuard.Input;
using PickleBuildGuard.Pickle;
using Xunit;

namespace PickleBuildGuard.Tests;

public class OpcodeReaderTests
{
    public static IEnumerable<object[]> Sidecars() =>
        Directory.EnumerateFiles(Fixtures.Pickles, "*.genops.txt", SearchOption.AllDirectories)
            .Select(p => new object[] { Path.GetRelativePath(Fixtures.Pickles, p).Replace('\\', '/') });

    [Theory]
    [MemberData(nameof(Sidecars))]
    public void Reader_yields_the_offsets_and_opcodes_pickletools_genops_yields(string sidecar)
    {
        // The sidecar of "x.pkl" is "x.genops.txt".
        string stem = Fixtures.PathOf(sidecar.Substring(0, sidecar.Length - ".genops.txt".Length));
        string picklePath = Directory.EnumerateFiles(Path.GetDirectoryName(stem)!, Path.GetFileName(stem) + ".*")
            .Single(p => !p.EndsWith(".genops.txt", StringComparison.Ordinal));
        var expected = File.ReadAllLines(Fixtures.PathOf(sidecar)).Where(l => l.Length > 0).ToList();

        var actual = ReadAll(File.ReadAllBytes(picklePath), expected.Count);

        Assert.Equal(expected, actual.Take(expected.Count));
    }

    [Fact]
    public void Fixtures_exercise_every_opcode_of_every_protocol()
    {
        for (int protocol = 0; protocol <= 5; protocol++)
        {
            var seen = new HashSet<string>(ReadAll(File.ReadAllBytes(Fixtures.PathOf($"opcodes/opcodes_p{protocol}.pkl")), int.MaxValue).Select(l => l.Split('\t')[1]));
            var defined = OpcodeTable.All.Where(o => o.Protocol <= protocol).Select(o => o.Name);
            Assert.DoesNotContain(defined, name => !seen.Contains(name));
        }
    }

    [Fact]
    public void A_huge_BINBYTES8_is_skipped_not_copied()
    {
        // 8 bytes of header claiming 3 GB inside a small in-memory source: the reader must report truncation, not allocate.
        byte[] data = { 0x80, 0x04, 0x8e, 0, 0, 0, 0xC0, 0, 0, 0, 0, (byte)'x', (byte)'.' };
        var reader = new OpcodeReader(new ByteCursor(new ArrayByteSource(data), 0, data.Length), 1 << 20, 1 << 20);
        var op = default(PickleOp);
        Assert.Equal(ReadStatus.Ok, reader.Next(ref op));
        Assert.Equal(ReadStatus.Truncated, reader.Next(ref op));
        Assert.Equal(0xC0000000L, op.DataLength);
    }

    [Fact]
    public void An_opcode_crossing_its_frame_is_reported()
    {
        // FRAME of 2 bytes, then SHORT_BINBYTES of 3 bytes starting inside it.
        byte[] data = { 0x80, 0x04, 0x95, 2, 0, 0, 0, 0, 0, 0, 0, (byte)'C', 3, 1, 2, 3, (byte)'.' };
        var reader = new OpcodeReader(new ByteCursor(new ArrayByteSource(data), 0, data.Length), 1 << 20, 1 << 20);
        var op = default(PickleOp);
        reader.Next(ref op);
        reader.Next(ref op);
        Assert.Equal(-1, reader.FrameCrossedAt);
        Assert.Equal(ReadStatus.Ok, reader.Next(ref op));
        Assert.Equal(13, reader.FrameCrossedAt);
    }

    internal static List<string> ReadAll(byte[] data, int max)
    {
        var reader = new OpcodeReader(new ByteCursor(new ArrayByteSource(data), 0, data.Length), 1 << 20, 1 << 20);
        var op = default(PickleOp);
        var lines = new List<string>();
        while (lines.Count < max && reader.Next(ref op) == ReadStatus.Ok)
        {
            lines.Add($"{op.Offset}\t{op.Info.Name}");
            if (op.Info.Behavior == OpcodeBehavior.Stop && reader.Position >= data.Length)
            {
                break;
            }
        }

        return lines;
    }
}
