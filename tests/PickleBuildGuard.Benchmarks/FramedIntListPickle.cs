using System;
using System.Buffers.Binary;
using System.IO;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// Writes, byte for byte, what CPython's <c>pickle.dump([i % 256 for i in range(count)], f, protocol=4)</c> writes
/// (the input of tools/cli-perf/make_inputs.py): BININT1 items in MARK/APPENDS batches of 1000, inside FRAMEs that the
/// C pickler closes after the first object that takes a frame to 64 KiB.
/// </summary>
internal static class FramedIntListPickle
{
    private const int BatchSize = 1000;
    private const int FrameSizeTarget = 64 * 1024;
    private const int FrameSizeMin = 4;

    public static string Create(int count)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pbg-bench-int-list-{count}.pkl");
        if (File.Exists(path))
        {
            return path;
        }

        string partial = path + ".tmp";
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Write(file, count);
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static void Write(Stream output, int count)
    {
        output.Write(new byte[] { 0x80, 4 });
        var frame = new MemoryStream(FrameSizeTarget + 16);
        frame.WriteByte((byte)']');
        frame.WriteByte(0x94);
        for (int i = 0; i < count; i += BatchSize)
        {
            frame.WriteByte((byte)'(');
            for (int j = i; j < Math.Min(count, i + BatchSize); j++)
            {
                frame.WriteByte((byte)'K');
                frame.WriteByte((byte)(j % 256));
                CommitIfFull(frame, output);
            }

            frame.WriteByte((byte)'e');
        }

        CommitIfFull(frame, output);
        frame.WriteByte((byte)'.');
        Commit(frame, output);
    }

    // The pickler checks the frame size at each object boundary, not at MARK or APPENDS.
    private static void CommitIfFull(MemoryStream frame, Stream output)
    {
        if (frame.Length >= FrameSizeTarget)
        {
            Commit(frame, output);
        }
    }

    private static void Commit(MemoryStream frame, Stream output)
    {
        if (frame.Length >= FrameSizeMin)
        {
            var header = new byte[9];
            header[0] = 0x95;
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(1), frame.Length);
            output.Write(header);
        }

        frame.WriteTo(output);
        frame.SetLength(0);
    }
}
