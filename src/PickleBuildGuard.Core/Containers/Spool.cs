using System;
using System.IO;
using PickleBuildGuard.Input;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Containers;

/// <summary>
/// Holds decompressed content for scanning: in memory while small, in a temporary file (deleted on close) beyond,
/// so memory stays bounded whatever the archive holds. Stops at an absolute size and at a compression ratio that only
/// a bomb reaches.
/// </summary>
internal static class Spool
{
    private const int InMemoryBytes = 16 << 20;

    /// <summary>Reads <paramref name="decoder"/> to its end; null with <paramref name="problem"/> set when a bound was hit or the data is corrupt.</summary>
    public static ByteSource? Fill(Stream decoder, long compressedLength, ScanBudget budget, out string? problem)
    {
        long maxBytes = budget.Limits.MaxDecompressedBytes;
        int maxRatio = budget.Limits.MaxCompressionRatio;
        problem = null;
        Stream target = new MemoryStream();
        string? tempPath = null;
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int n;
            while ((n = decoder.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += n;
                if (total > maxBytes)
                {
                    problem = $"decompresses to more than {maxBytes:N0} bytes (limit)";
                    target.Dispose();
                    return null;
                }

                if ((total & 0xFFFFF) < n && budget.TimedOut)
                {
                    problem = "decompression exceeded the time limit";
                    target.Dispose();
                    return null;
                }

                if (total > ScanBudget.RatioFloorBytes && total > (long)maxRatio * Math.Max(1, compressedLength))
                {
                    problem = $"expands more than {maxRatio}:1 (a decompression bomb)";
                    target.Dispose();
                    return null;
                }

                if (!budget.AddDecompressed(n))
                {
                    problem = $"brings the file's decompressed total to more than {maxRatio} times its {budget.InputBytes:N0} bytes (members that share compressed data, or many small bombs: a decompression bomb)";
                    target.Dispose();
                    return null;
                }

                if (target is MemoryStream memory && memory.Length + n > InMemoryBytes)
                {
                    tempPath = Path.GetTempFileName();
                    var file = new FileStream(tempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                    memory.Position = 0;
                    memory.CopyTo(file);
                    memory.Dispose();
                    target = file;
                }

                target.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            problem = e is NotSupportedException ? e.Message : $"is corrupt: {e.Message}";
            target.Dispose();
            return null;
        }

        if (target is MemoryStream finished)
        {
            // The stream's own buffer, not a copy of it: decompressing a member already costs twice its size.
            return new ArrayByteSource(finished.GetBuffer(), 0, (int)finished.Length);
        }

        target.Position = 0;
        return new OwnedStreamByteSource(target);
    }
}
