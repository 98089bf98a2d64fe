namespace PickleBuildGuard.Containers;

/// <summary>One member of a zip archive, as found in the central directory, in the local headers, or both.</summary>
internal sealed class ZipEntry
{
    public ZipEntry(string name, int method, long compressedSize, long uncompressedSize, long localHeaderOffset, long dataOffset, bool inCentralDirectory)
    {
        Name = name;
        Method = method;
        CompressedSize = compressedSize;
        UncompressedSize = uncompressedSize;
        LocalHeaderOffset = localHeaderOffset;
        DataOffset = dataOffset;
        InCentralDirectory = inCentralDirectory;
    }

    /// <summary>The name loaders use: the central directory's when there is one, else the local header's.</summary>
    public string Name { get; }

    /// <summary>0 stored, 8 deflate, 12 bzip2, 14 LZMA, 93 zstd, 95 xz, …</summary>
    public int Method { get; }

    public long CompressedSize { get; }

    public long UncompressedSize { get; }

    public long LocalHeaderOffset { get; }

    /// <summary>Where the member's (compressed) bytes start.</summary>
    public long DataOffset { get; }

    /// <summary>False for a member only a local header shows (hidden from the central directory).</summary>
    public bool InCentralDirectory { get; }

    /// <summary>General-purpose flags of the central directory (or local) header: bit 0 encrypted, bit 3 data descriptor.</summary>
    public int Flags { get; set; }

    /// <summary>The local header's name when it differs from the central directory's (CVE-2025-1944).</summary>
    public string? LocalName { get; set; }

    public override string ToString() => $"{Name} (method {Method}, {CompressedSize} bytes at {DataOffset})";
}
