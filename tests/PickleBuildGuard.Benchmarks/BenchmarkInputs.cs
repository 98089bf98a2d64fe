using System;
using System.IO;

namespace PickleBuildGuard.Benchmarks;

/// <summary>Builds the benchmark inputs once: synthetic opcode-dense and huge-argument pickles, plus committed fixtures.</summary>
internal static class BenchmarkInputs
{
    /// <summary>The folder holding PickleBuildGuard.sln, found upwards from the benchmark's output folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PickleBuildGuard.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("PickleBuildGuard.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string FixturePath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "fixtures", "pickles", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    /// <summary>A protocol-4 list of <paramref name="count"/> small ints in APPENDS batches of 1000, as pickle.dumps writes it (without frames).</summary>
    public static byte[] SmallIntList(int count)
    {
        using var output = new MemoryStream();
        output.Write(new byte[] { 0x80, 0x04, (byte)']', (byte)'q', 0 });
        for (int i = 0; i < count; i += 1000)
        {
            output.WriteByte((byte)'(');
            for (int j = i; j < Math.Min(count, i + 1000); j++)
            {
                output.WriteByte((byte)'K');
                output.WriteByte((byte)(j % 200));
            }

            output.WriteByte((byte)'e');
        }

        output.WriteByte((byte)'.');
        return output.ToArray();
    }

    /// <summary>
    /// A protocol-4 value nested <paramref name="levels"/> deep, cycling list → dict → 1-tuple, as pickle.dumps writes
    /// it (EMPTY_LIST/EMPTY_DICT and MEMOIZE on the way in, APPEND / SETITEM / TUPLE1 + MEMOIZE on the way out; None at
    /// the bottom). A list takes one stack slot while open and a dict two (itself and its key), so 600,000 levels stay
    /// within the default stack limit of 1,000,000.
    /// </summary>
    public static byte[] DeepNesting(int levels)
    {
        using var output = new MemoryStream();
        output.Write(new byte[] { 0x80, 0x04 });
        for (int level = 0; level < levels; level++)
        {
            switch (level % 3)
            {
                case 0:
                    output.Write(new byte[] { (byte)']', 0x94 });
                    break;
                case 1:
                    output.Write(new byte[] { (byte)'}', 0x94, (byte)'K', (byte)(level % 200) });
                    break;
            }
        }

        output.WriteByte((byte)'N');
        for (int level = levels - 1; level >= 0; level--)
        {
            switch (level % 3)
            {
                case 0:
                    output.WriteByte((byte)'a');
                    break;
                case 1:
                    output.WriteByte((byte)'s');
                    break;
                default:
                    output.Write(new byte[] { 0x85, 0x94 });
                    break;
            }
        }

        output.WriteByte((byte)'.');
        return output.ToArray();
    }

    /// <summary>
    /// pickle.dumps(strings + strings, protocol=4) for <paramref name="count"/> distinct short strings: each string
    /// memoized once (SHORT_BINUNICODE + MEMOIZE), then every one referenced again (BINGET / LONG_BINGET), APPENDS per
    /// 1000, in 64 KiB FRAMEs as the pickler frames them.
    /// </summary>
    public static byte[] MemoHeavy(int count)
    {
        var framed = new FramedWriter();
        framed.Op(0x80, 0x04);
        framed.Op((byte)']', 0x94);
        int memo = 1;
        var first = new int[count];
        for (int half = 0; half < 2; half++)
        {
            for (int i = 0; i < count; i += 1000)
            {
                framed.Op((byte)'(');
                for (int j = i; j < Math.Min(count, i + 1000); j++)
                {
                    if (half == 0)
                    {
                        byte[] text = System.Text.Encoding.ASCII.GetBytes("s" + j.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        var op = new byte[2 + text.Length + 1];
                        op[0] = 0x8c;
                        op[1] = (byte)text.Length;
                        text.CopyTo(op, 2);
                        op[^1] = 0x94;
                        framed.Op(op);
                        first[j] = memo++;
                    }
                    else if (first[j] < 256)
                    {
                        framed.Op((byte)'h', (byte)first[j]);
                    }
                    else
                    {
                        byte[] index = BitConverter.GetBytes(first[j]);
                        framed.Op((byte)'j', index[0], index[1], index[2], index[3]);
                    }
                }

                framed.Op((byte)'e');
            }
        }

        framed.Op((byte)'.');
        return framed.ToArray();
    }

    // The pickler's framing: opcodes are gathered into a frame, written with its FRAME header once it holds 64 KiB.
    private sealed class FramedWriter
    {
        private const int FrameSize = 64 * 1024;
        private readonly MemoryStream output = new();
        private readonly MemoryStream frame = new();
        private bool protoWritten;

        public void Op(params byte[] bytes)
        {
            if (!protoWritten)
            {
                // PROTO comes before the first frame.
                protoWritten = true;
                output.Write(bytes);
                return;
            }

            frame.Write(bytes);
            if (frame.Length >= FrameSize)
            {
                Commit();
            }
        }

        public byte[] ToArray()
        {
            Commit();
            return output.ToArray();
        }

        private void Commit()
        {
            if (frame.Length == 0)
            {
                return;
            }

            output.WriteByte(0x95);
            output.Write(BitConverter.GetBytes(frame.Length));
            frame.WriteTo(output);
            frame.SetLength(0);
        }
    }

    /// <summary>Writes a pickle holding one BINBYTES8 of <paramref name="size"/> zero bytes to a temporary file (sparse: only its ends are written).</summary>
    public static string LargeBytesFile(long size)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pbg-bench-bytes-{size}.pkl");
        if (File.Exists(path) && new FileInfo(path).Length == size + 12)
        {
            return path;
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(new byte[] { 0x80, 0x04, 0x8e });
        file.Write(BitConverter.GetBytes(size));
        file.SetLength(size + 12);
        file.Position = size + 11;
        file.WriteByte((byte)'.');
        return path;
    }
}
