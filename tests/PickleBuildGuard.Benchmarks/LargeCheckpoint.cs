using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// Writes a PyTorch zip checkpoint whose tensor member is <c>tensorBytes</c> long (a sparse file, so building it
/// costs no disk): the real data.pkl of a committed torch.save fixture, one zip64 tensor storage, and a version
/// member after it, as torch.save lays them out.
/// </summary>
internal static class LargeCheckpoint
{
    public static string Create(long tensorBytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pbg-bench-checkpoint-{tensorBytes}.pt");
        if (File.Exists(path))
        {
            return path;
        }

        byte[] dataPkl = ReadMember(BenchmarkInputs.FixturePath("../containers/benign/torch_zip_state_dict_linear.pt"), "/data.pkl");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var central = new MemoryStream();
        int entries = 0;
        void Member(string name, byte[]? content, long size)
        {
            long local = file.Position;
            bool big = size >= 0xFFFFFFFFL;
            WriteLocal(file, name, size, big);
            if (content is not null)
            {
                file.Write(content, 0, content.Length);
            }
            else
            {
                file.SetLength(file.Position + size);
                file.Position += size;
            }

            WriteCentral(central, name, size, local);
            entries++;
        }

        Member("archive/data.pkl", dataPkl, dataPkl.Length);
        Member("archive/data/0", null, tensorBytes);
        Member("archive/version", Encoding.ASCII.GetBytes("3\n"), 2);

        long centralAt = file.Position;
        central.Position = 0;
        central.CopyTo(file);
        long zip64End = file.Position;
        var w = new BinaryWriter(file);
        w.Write(0x06064b50u); w.Write(44L); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
        w.Write((long)entries); w.Write((long)entries); w.Write(central.Length); w.Write(centralAt);
        w.Write(0x07064b50u); w.Write(0u); w.Write(zip64End); w.Write(1u);
        w.Write(0x06054b50u); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0xFFFF); w.Write((ushort)0xFFFF);
        w.Write(0xFFFFFFFFu); w.Write(0xFFFFFFFFu); w.Write((ushort)0);
        w.Flush();
        return path;
    }

    private static void WriteLocal(Stream output, string name, long size, bool big)
    {
        var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        w.Write(0x04034b50u); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0x21);
        w.Write(0u);
        w.Write(big ? 0xFFFFFFFFu : (uint)size); w.Write(big ? 0xFFFFFFFFu : (uint)size);
        w.Write((ushort)nameBytes.Length); w.Write((ushort)(big ? 20 : 0));
        w.Write(nameBytes);
        if (big)
        {
            w.Write((ushort)1); w.Write((ushort)16); w.Write(size); w.Write(size);
        }

        w.Flush();
    }

    private static void WriteCentral(Stream output, string name, long size, long local)
    {
        var w = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        bool bigSize = size >= 0xFFFFFFFFL, bigOffset = local >= 0xFFFFFFFFL;
        int extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
        w.Write(0x02014b50u); w.Write((ushort)45); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0x21);
        w.Write(0u);
        w.Write(bigSize ? 0xFFFFFFFFu : (uint)size); w.Write(bigSize ? 0xFFFFFFFFu : (uint)size);
        w.Write((ushort)nameBytes.Length); w.Write((ushort)(extra == 0 ? 0 : extra + 4)); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u);
        w.Write(bigOffset ? 0xFFFFFFFFu : (uint)local);
        w.Write(nameBytes);
        if (extra > 0)
        {
            w.Write((ushort)1); w.Write((ushort)extra);
            if (bigSize)
            {
                w.Write(size); w.Write(size);
            }

            if (bigOffset)
            {
                w.Write(local);
            }
        }

        w.Flush();
    }

    private static byte[] ReadMember(string zipPath, string suffix)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith(suffix, StringComparison.Ordinal))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        throw new InvalidDataException($"{zipPath} has no member ending in {suffix}");
    }
}
