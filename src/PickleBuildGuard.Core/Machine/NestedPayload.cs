namespace PickleBuildGuard.Machine;

/// <summary>A pickle found inside a value, and the outcome of scanning it.</summary>
internal sealed class NestedPayload
{
    public NestedPayload(string encoding, Verdict verdict, ScanStatus status)
    {
        Encoding = encoding;
        Verdict = verdict;
        Status = status;
    }

    /// <summary>raw, base64, hex, zlib, latin-1 text…</summary>
    public string Encoding { get; }

    public Verdict Verdict { get; }

    public ScanStatus Status { get; }

    public bool IsClean => Verdict == Verdict.Clean && Status == ScanStatus.Complete;
}
