using System.Linq;

namespace PickleBuildGuard.Fuzzing.Corpus;

/// <summary>One committed fixture the mutators start from, with the verdict the scanner gives it unmodified.</summary>
public sealed class Seed
{
    public Seed(string name, byte[] bytes, FileScanResult baseline)
    {
        Name = name;
        Bytes = bytes;
        Baseline = baseline;
        FirstPayloadOffset = Oracles.TruncationOracle.FirstPayloadOffset(baseline);
        FirstDangerousOffset = baseline.Findings
            .Where(f => f.Member is null && f.Offset.HasValue && f.Severity >= Verdict.Dangerous && f.RuleId.StartsWith("PBG1", System.StringComparison.Ordinal))
            .Select(f => f.Offset!.Value)
            .DefaultIfEmpty(-1)
            .Min();
    }

    /// <summary>Path under tests/fixtures, with forward slashes.</summary>
    public string Name { get; }

    public byte[] Bytes { get; }

    public FileScanResult Baseline { get; }

    /// <summary>Whether the unmodified fixture is dangerous or critical: its truncations must never be clean.</summary>
    public bool IsMalicious => Baseline.Verdict >= Verdict.Dangerous;

    /// <summary>Offset in the file of the first content finding (the payload), 0 when none has a file offset.</summary>
    public long FirstPayloadOffset { get; }

    /// <summary>
    /// Offset of the first dangerous-or-worse finding of a bare pickle (no member), -1 when there is none. The bytes
    /// up to and including the opcode there are what the prefix-preserving mutator keeps.
    /// </summary>
    public long FirstDangerousOffset { get; }

    public override string ToString() => Name;
}
