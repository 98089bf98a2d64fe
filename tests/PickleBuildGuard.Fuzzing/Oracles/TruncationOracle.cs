using System.Linq;

namespace PickleBuildGuard.Fuzzing.Oracles;

/// <summary>
/// When a cut-short malicious file may be clean. Only a prefix made of complete pickles that ends before the payload
/// begins may be: it is a benign file in its own right. This is the one definition, shared by the fuzzer and
/// TruncationTests in Core.Tests (linked source), so the two cannot drift apart.
/// </summary>
public static class TruncationOracle
{
    /// <summary>
    /// The smallest offset of a content finding (PBG1) that lies in the file itself (no container member), or 0 when
    /// no finding has such an offset: then no prefix is exempt.
    /// </summary>
    public static long FirstPayloadOffset(FileScanResult whole) =>
        whole.Findings
            .Where(f => f.RuleId.StartsWith("PBG1", System.StringComparison.Ordinal) && f.Member is null && f.Offset.HasValue)
            .Select(f => f.Offset!.Value)
            .DefaultIfEmpty(0)
            .Min();

    /// <summary>Whether the first <paramref name="length"/> bytes of <paramref name="data"/> end with a STOP before the payload.</summary>
    public static bool IsCompleteBenignPrefix(byte[] data, int length, long firstPayloadOffset) =>
        length > 0 && data[length - 1] == (byte)'.' && length <= firstPayloadOffset;
}
