using System;

namespace PickleBuildGuard.Fuzzing.Oracles;

/// <summary>The time and memory every single scan must stay within, whatever the input.</summary>
public sealed class HarnessBounds
{
    /// <summary>Wall-clock time after which a scan counts as a hang (the policy's own timeout is minutes).</summary>
    public TimeSpan WallBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Allocation any input may cause.</summary>
    public long AllocationBase { get; init; } = 64L << 20;

    /// <summary>
    /// Allocation allowed per byte of input on top of <see cref="AllocationBase"/>: reading an input costs a bounded
    /// multiple of its size (the symbolic stack holds 16 bytes per value of a 1-byte opcode, with growth copies).
    /// </summary>
    public long AllocationPerInputByte { get; init; } = 64;

    public long AllocationAllowance(long inputLength) => AllocationBase + (AllocationPerInputByte * inputLength);
}
