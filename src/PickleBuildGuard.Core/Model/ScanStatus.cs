namespace PickleBuildGuard;

/// <summary>Whether the analysis covered the whole input; separate from the verdict.</summary>
public enum ScanStatus
{
    /// <summary>Every byte that can influence loading was read and analysed.</summary>
    Complete = 0,
    /// <summary>Part of the input was not analysed (truncated, malformed, over a budget, unsupported).</summary>
    Inconclusive = 1,
    /// <summary>The input could not be read at all.</summary>
    Error = 2,
}
