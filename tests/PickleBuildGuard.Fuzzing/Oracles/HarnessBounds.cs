using System;

namespace PickleBuildGuard.Fuzzing.Oracles;

/// <summary>The time and memory every single scan must stay within, whatever the input.</summary>
public sealed class HarnessBounds
{
    /// <summary>
    /// CPU time past which a scan counts as a hang (the policy's own wall-clock timeout is minutes). CPU, not wall
    /// time: a campaign runs at nice 19 on a shared machine, where a 0.5 s scan can take 18 s of wall time.
    /// </summary>
    public TimeSpan CpuBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wall-clock time after which the harness stops waiting for a scan (a stuck scan, whatever its CPU).</summary>
    public TimeSpan AbandonAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Allocation any input may cause.</summary>
    public long AllocationBase { get; init; } = 64L << 20;

    /// <summary>
    /// Allocation allowed per byte of input on top of <see cref="AllocationBase"/>: reading an input costs a bounded
    /// multiple of its size (the symbolic stack holds 16 bytes per value of a 1-byte opcode, with growth copies; a
    /// distinct unknown global of 20 bytes costs about 2 KB to classify and report).
    /// </summary>
    public long AllocationPerInputByte { get; init; } = 128;

    /// <summary>
    /// Extra allocation allowed when the input is a container or compressed: up to 64 MiB of output is accepted at
    /// any ratio (the ratio floor of <c>ScanBudget</c>), held in memory up to 16 MiB (growing by doubling), and the
    /// content read from it costs what content costs.
    /// </summary>
    public long AllocationForDecompression { get; init; } = 64L << 20;

    public long AllocationAllowance(long inputLength, bool decompresses) =>
        AllocationBase + (AllocationPerInputByte * inputLength) + (decompresses ? AllocationForDecompression : 0);

    /// <summary>Formats whose content the scanner decompresses or unpacks.</summary>
    public static bool Decompresses(string format) => format is "zip" or "pytorch-zip" or "numpy-zip" or "torchscript" or "tar" or "pytorch-tar"
        or "gzip" or "zlib" or "bz2" or "xz" or "lzma" or "lz4";
}
