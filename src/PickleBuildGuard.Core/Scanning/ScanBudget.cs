using System;
using System.Diagnostics;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Scanning;

/// <summary>The opcode and time budget of one file, shared by every stream and nested payload in it.</summary>
internal sealed class ScanBudget
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public ScanBudget(ScanLimits limits, long inputBytes = 0)
    {
        Limits = limits;
        InputBytes = inputBytes;
    }

    /// <summary>Below this much output, decompression is never a bomb (a megabyte of zeros compresses 1000:1 legitimately).</summary>
    public const long RatioFloorBytes = 64L << 20;

    public ScanLimits Limits { get; }

    public long Opcodes { get; set; }

    public int Streams { get; set; }

    /// <summary>Set once <see cref="ScanLimits.MaxStreams"/> was reported, so it is reported once per file.</summary>
    public bool StreamLimitReported { get; set; }

    /// <summary>Characters of string values kept as text so far; past <see cref="MaxRetainedChars"/> only short ones are kept.</summary>
    public long RetainedChars { get; set; }

    /// <summary>Keeps the memory for string text bounded whatever the input (identifiers are short and always kept).</summary>
    public const long MaxRetainedChars = 32L << 20;

    /// <summary>Size of the file (or stream, or byte array) being scanned.</summary>
    public long InputBytes { get; }

    /// <summary>Bytes produced by decompression anywhere in the file so far: every member, every layer.</summary>
    public long DecompressedBytes { get; private set; }

    /// <summary>
    /// Counts <paramref name="bytes"/> more decompressed output; false once the file as a whole expands past
    /// <see cref="ScanLimits.MaxCompressionRatio"/>. Each member's own ratio is checked too, but a zip whose central
    /// directory points hundreds of entries at the same compressed data keeps every member's ratio modest while the
    /// file expands without bound.
    /// </summary>
    public bool AddDecompressed(long bytes)
    {
        DecompressedBytes += bytes;
        return !DecompressionExhausted;
    }

    /// <summary>The file has already decompressed to more than the ratio allows: nothing more of it is decompressed.</summary>
    public bool DecompressionExhausted =>
        DecompressedBytes > RatioFloorBytes && DecompressedBytes > (long)Limits.MaxCompressionRatio * Math.Max(1, InputBytes);

    public bool TimedOut => clock.Elapsed > Limits.Timeout;

    public bool OpcodesExhausted => Opcodes >= Limits.MaxOpcodes;
}
