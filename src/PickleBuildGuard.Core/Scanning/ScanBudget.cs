using System.Diagnostics;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Scanning;

/// <summary>The opcode and time budget of one file, shared by every stream and nested payload in it.</summary>
internal sealed class ScanBudget
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public ScanBudget(ScanLimits limits) => Limits = limits;

    public ScanLimits Limits { get; }

    public long Opcodes { get; set; }

    public int Streams { get; set; }

    public bool TimedOut => clock.Elapsed > Limits.Timeout;

    public bool OpcodesExhausted => Opcodes >= Limits.MaxOpcodes;
}
