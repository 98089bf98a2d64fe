using System;
using System.IO;
using System.Security.Cryptography;

namespace PickleBuildGuard.Tests;

/// <summary>
/// What the bzip2 and LZ4 decoder tests share: the committed vectors (each with a <c>.sha256</c> sidecar holding the
/// hash and length of the original data), hashing a decoder's output, and an input that arrives a few bytes at a time.
/// </summary>
internal static class DecoderTestVectors
{
    public static string DirectoryOf(string format) => Path.Combine(Fixtures.Root, "tests", "fixtures", "compression", format);

    /// <summary>The sidecar of a vector: lower-case SHA-256 and length of the data it compresses.</summary>
    public static (string Sha, long Length) Expected(string path)
    {
        string[] parts = File.ReadAllText(path + ".sha256").Trim().Split(' ');
        return (parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Reads <paramref name="stream"/> to its end in reads of <paramref name="chunk"/> bytes; hash and length of what came out.</summary>
    public static (string Sha, long Length) Hash(Stream stream, int chunk)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[chunk];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer, 0, chunk)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            total += n;
        }

        return (Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), total);
    }

    /// <summary>An input stream that never returns more than a few bytes per read.</summary>
    public sealed class TrickleStream : MemoryStream
    {
        private readonly int most;

        public TrickleStream(byte[] data, int most)
            : base(data)
        {
            this.most = most;
        }

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));
    }
}
