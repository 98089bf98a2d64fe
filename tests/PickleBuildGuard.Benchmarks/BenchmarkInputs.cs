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

    /// <summary>Writes a pickle holding one BINBYTES8 of <paramref name="size"/> zero bytes to a temporary file.</summary>
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
