using System;
using System.Security.Cryptography;
using System.Text;

namespace PickleBuildGuard.Gate;

/// <summary>
/// SHA-256 over a sequence of text fields, each length-prefixed so that no two different sequences hash the same
/// bytes. Hashed incrementally through one buffer: a build's inputs are hundreds of paths, and every allocation on a
/// no-op build's path is charged to the build.
/// </summary>
internal sealed class InputDigest : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] buffer = new byte[1024];

    /// <summary>Adds one field; null and empty are different fields.</summary>
    public void Field(string? value)
    {
        int most = 4 + (value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length));
        if (buffer.Length < most)
        {
            buffer = new byte[most];
        }

        int length = value is null ? 0 : Encoding.UTF8.GetBytes(value, 0, value.Length, buffer, 4);
        int prefix = value is null ? -1 : length;
        for (int i = 0; i < 4; i++)
        {
            buffer[i] = (byte)(prefix >> (8 * i));
        }

        hash.AppendData(buffer, 0, 4 + length);
    }

    public string Finish() => Hex.Of(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();
}
