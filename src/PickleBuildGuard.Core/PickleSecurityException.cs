using System;

namespace PickleBuildGuard;

/// <summary>Thrown by <see cref="PickleGuard.EnsureSafe(string, Policy.ScanPolicy)"/> when content is not clean; carries the whole result.</summary>
public sealed class PickleSecurityException : Exception
{
    public PickleSecurityException(FileScanResult result)
        : base(Describe(result))
    {
        Result = result;
    }

    public FileScanResult Result { get; }

    private static string Describe(FileScanResult result)
    {
        string first = result.Findings.Count > 0
            ? $": {result.Findings[0].RuleId} {result.Findings[0].Message}"
            : string.Empty;
        return $"'{result.Path}' is not safe to load (verdict {result.Verdict.ToName()}, status {result.Status.ToName()}){first}";
    }
}
