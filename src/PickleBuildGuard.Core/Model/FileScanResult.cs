using System.Collections.Generic;

namespace PickleBuildGuard;

/// <summary>The outcome of scanning one file (or stream, or byte array).</summary>
public sealed class FileScanResult
{
    public FileScanResult(
        string path,
        string format,
        ScanStatus status,
        Verdict verdict,
        int score,
        string? sha256,
        IReadOnlyList<string> globals,
        IReadOnlyList<Finding> findings,
        IReadOnlyList<Notice> notices,
        long bytesScanned,
        long opcodeCount,
        long decompressedBytes = 0)
    {
        DecompressedBytes = decompressedBytes;
        Path = path;
        Format = format;
        Status = status;
        Verdict = verdict;
        Score = score;
        Sha256 = sha256;
        Globals = globals;
        Findings = findings;
        Notices = notices;
        BytesScanned = bytesScanned;
        OpcodeCount = opcodeCount;
    }

    /// <summary>The path as the caller gave it (or a label for streams and byte arrays).</summary>
    public string Path { get; }

    /// <summary>What the content was recognised as: <c>pickle</c>, <c>pytorch-zip</c>, …, <c>unknown</c>.</summary>
    public string Format { get; }

    public ScanStatus Status { get; }

    public Verdict Verdict { get; }

    /// <summary>0 clean, 1-40 suspicious, 41-79 dangerous or unknown, 80-100 critical.</summary>
    public int Score { get; }

    /// <summary>True only for a complete scan with a clean verdict.</summary>
    public bool SafeToLoad => Verdict == Verdict.Clean && Status == ScanStatus.Complete;

    /// <summary>Lower-case hex SHA-256 of the bytes scanned, when the whole input could be hashed.</summary>
    public string? Sha256 { get; }

    /// <summary>Every global the content imports, as <c>module.name</c>, in order of first appearance.</summary>
    public IReadOnlyList<string> Globals { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<Notice> Notices { get; }

    public long BytesScanned { get; }

    public long OpcodeCount { get; }

    /// <summary>Bytes produced by decompressing archive members and compressed layers (0 for a bare pickle).</summary>
    public long DecompressedBytes { get; }
}
