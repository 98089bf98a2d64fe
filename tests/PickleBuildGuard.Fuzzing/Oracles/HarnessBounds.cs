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
    /// Allocation allowed per byte the scan reads or decompresses, on top of <see cref="AllocationBase"/>: linear in
    /// what is analysed, with a constant that the worst inputs found stay under (a distinct unknown global of 20 bytes
    /// costs about 2 KB to classify and report; the symbolic stack holds 16 bytes per 1-byte opcode, with growth
    /// copies; decompressed content is held once and grown by doubling). Anything superlinear (a quadratic re-read,
    /// an exponential walk) breaks it on inputs of a few hundred kilobytes.
    /// </summary>
    public long AllocationPerByte { get; init; } = 256;

    public long AllocationAllowance(long inputBytes, long decompressedBytes) =>
        AllocationBase + (AllocationPerByte * (inputBytes + decompressedBytes));

}
