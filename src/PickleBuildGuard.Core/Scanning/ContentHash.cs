using System;
using System.Security.Cryptography;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Scanning;

/// <summary>The SHA-256 of a whole input for the report and trusted-hash pins, computed in large blocks.</summary>
internal static class ContentHash
{
    /// <summary>Inputs up to this size are hashed; hashing a larger one would cost more than scanning it.</summary>
    public const long MaxHashedBytes = 256L << 20;

    // Large reads keep the per-call cost of the file API and the hasher small next to the hashing itself.
    private const int BlockBytes = 1 << 20;

    /// <summary>Lower-case hex SHA-256 of <paramref name="source"/>, or null when it is too large or could not be read whole.</summary>
    public static string? Sha256(ByteSource source)
    {
        if (source.Length > MaxHashedBytes)
        {
            return null;
        }

#if NET8_0_OR_GREATER
        if (source.TryGetArray(out byte[] array, out int start))
        {
            // In memory already: one call over the bytes in place, no copy.
            return Hex.Of(SHA256.HashData(new ReadOnlySpan<byte>(array, start, (int)source.Length)));
        }

        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(BlockBytes, Math.Max(1, source.Length)));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long offset = 0;
            while (offset < source.Length)
            {
                int n = source.ReadAt(offset, buffer, 0, (int)Math.Min(buffer.Length, source.Length - offset));
                if (n <= 0)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, n);
                offset += n;
            }

            return Hex.Of(hash.GetHashAndReset());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
#else
        using var sha = SHA256.Create();
        // Under the large-object heap's threshold: the build task scans hundreds of files per build on this target.
        var buffer = new byte[(int)Math.Min(81920, Math.Max(1, source.Length))];
        long offset = 0;
        while (offset < source.Length)
        {
            int n = source.ReadAt(offset, buffer, 0, (int)Math.Min(buffer.Length, source.Length - offset));
            if (n <= 0)
            {
                return null;
            }

            sha.TransformBlock(buffer, 0, n, null, 0);
            offset += n;
        }

        sha.TransformFinalBlock(buffer, 0, 0);
        return Hex.Of(sha.Hash!);
#endif
    }
}
