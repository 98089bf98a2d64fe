using System;

namespace PickleBuildGuard.Policy;

/// <summary>
/// The bounds every scan runs under. Reaching any of them stops that part of the analysis with status
/// <see cref="ScanStatus.Inconclusive"/> (verdict at least <see cref="Verdict.Unknown"/>), never clean.
/// </summary>
public sealed class ScanLimits
{
    public static ScanLimits Default { get; } = new();

    /// <summary>Opcodes analysed per file, all pickle streams together.</summary>
    public long MaxOpcodes { get; init; } = 500_000_000;

    /// <summary>Values on the symbolic stack at once (each costs 16 bytes).</summary>
    public int MaxStackDepth { get; init; } = 1_000_000;

    /// <summary>Open MARKs at once.</summary>
    public int MaxMarkDepth { get; init; } = 100_000;

    /// <summary>Distinct memo entries.</summary>
    public int MaxMemoEntries { get; init; } = 2_000_000;

    /// <summary>How deep nested payloads (a pickle inside a bytes value inside a pickle…) are followed.</summary>
    public int MaxNestedPayloadDepth { get; init; } = 3;

    /// <summary>Bytes of a single bytes/string value inspected for a nested payload or a suspicious string.</summary>
    public int MaxInspectedValueBytes { get; init; } = 1 << 20;

    /// <summary>Largest decoded (base64, hex, zlib) nested payload that is analysed.</summary>
    public int MaxDecodedPayloadBytes { get; init; } = 16 << 20;

    /// <summary>Longest text argument (GLOBAL line, decimal, quoted string) read for a protocol-0 opcode.</summary>
    public int MaxLineLength { get; init; } = 1 << 20;

    /// <summary>Wall-clock budget per file.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pickle streams analysed per file (concatenated pickles and data after STOP).</summary>
    public int MaxStreams { get; init; } = 10_000;

    /// <summary>Largest decompressed size of one compressed file or archive member (spooled to disk past 16 MiB).</summary>
    public long MaxDecompressedBytes { get; init; } = 2L << 30;

    /// <summary>Expansion ratio past which decompression is a bomb (applies beyond 64 MiB of output).</summary>
    public int MaxCompressionRatio { get; init; } = 250;

    /// <summary>How deep containers may nest (a zip in a zip in a gzip…).</summary>
    public int MaxContainerDepth { get; init; } = 6;
}
