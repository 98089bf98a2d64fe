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

    /// <summary>Characters of string values kept as text so far; past <see cref="MaxRetainedChars"/> only short ones are kept.</summary>
    public long RetainedChars { get; set; }

    /// <summary>Keeps the memory for string text bounded whatever the input (identifiers are short and always kept).</summary>
    public const long MaxRetainedChars = 32L << 20;

    public bool TimedOut => clock.Elapsed > Limits.Timeout;

    public bool OpcodesExhausted => Opcodes >= Limits.MaxOpcodes;
}
