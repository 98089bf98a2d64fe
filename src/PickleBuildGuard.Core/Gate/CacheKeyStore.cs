using System;
using System.IO;
using System.Security.Cryptography;

namespace PickleBuildGuard.Gate;

/// <summary>
/// The secret that authenticates cache entries. It lives in the user's local application data, outside every
/// repository and obj/ folder, so a cache file committed or planted next to a model cannot vouch for it.
/// </summary>
public static class CacheKeyStore
{
    private const int KeyBytes = 32;

    /// <summary>The default key file: <c>&lt;LocalApplicationData&gt;/PickleBuildGuard/cache.key</c>.</summary>
    public static string? DefaultPath
    {
        get
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "PickleBuildGuard", "cache.key");
        }
    }

    /// <summary>
    /// Reads the key at <paramref name="path"/>, creating it on first use. When it can neither be read nor created, a
    /// random key for this process only is returned: nothing cached earlier verifies, so every file is scanned.
    /// </summary>
    public static byte[] GetOrCreate(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return RandomKey();
        }

        try
        {
            if (TryRead(path!, out var existing))
            {
                return existing;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path!)!);
            string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var key = RandomKey();
            File.WriteAllBytes(temporary, key);
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
#endif
            try
            {
                File.Move(temporary, path!);
                return key;
            }
            catch (IOException)
            {
                // Another build created it first: use theirs.
                File.Delete(temporary);
                return TryRead(path!, out var theirs) ? theirs : RandomKey();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return RandomKey();
        }
    }

    private static bool TryRead(string path, out byte[] key)
    {
        key = Array.Empty<byte>();
        if (!File.Exists(path))
        {
            return false;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != KeyBytes)
        {
            return false;
        }

        key = bytes;
        return true;
    }

    private static byte[] RandomKey()
    {
        var key = new byte[KeyBytes];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(key);
        return key;
    }
}
