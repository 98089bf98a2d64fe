using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Gate;

/// <summary>The SHA-256 values of <c>PickleBuildGuardTrustedSha256</c>: the exact contents a user vouches for.</summary>
internal sealed class TrustedPins
{
    private readonly string[] hashes;

    private TrustedPins(string[] hashes) => this.hashes = hashes;

    public bool IsEmpty => hashes.Length == 0;

    public string Text => string.Join(";", hashes);

    /// <summary>Parses <c>;</c>/<c>,</c> separated hex values (case-insensitive); throws <see cref="PolicyException"/>.</summary>
    public static TrustedPins Parse(string? metadata, string itemSpec)
    {
        var hashes = ScanPolicy.SplitList(metadata).Select(h => h.ToLowerInvariant()).ToArray();
        foreach (string hash in hashes)
        {
            if (hash.Length != 64 || hash.Any(c => !(c is >= '0' and <= '9' or >= 'a' and <= 'f')))
            {
                throw new PolicyException($"PickleBuildGuardTrustedSha256 of '{itemSpec}' is '{hash}', not a SHA-256 value (64 hexadecimal digits)");
            }
        }

        return new TrustedPins(hashes);
    }

    public bool Contains(string? sha256) => sha256 is not null && hashes.Contains(sha256.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>The content hash of a file, or null when it cannot be read.</summary>
    public static string? HashOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var sha = SHA256.Create();
            return Hex.Of(sha.ComputeHash(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
