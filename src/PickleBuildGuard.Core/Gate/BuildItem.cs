namespace PickleBuildGuard.Gate;

/// <summary>
/// A project item offered to the gate, with its metadata as MSBuild gives it (raw strings, parsed by the gate).
/// </summary>
public sealed class BuildItem
{
    public BuildItem(string itemSpec, string fullPath, string? trustedSha256 = null, string? skip = null)
    {
        ItemSpec = itemSpec;
        FullPath = fullPath;
        TrustedSha256 = trustedSha256;
        Skip = skip;
    }

    /// <summary>The item's path as the project writes it (relative to the project), used in messages.</summary>
    public string ItemSpec { get; }

    /// <summary>The item's full path: the file that is read and that diagnostics point at.</summary>
    public string FullPath { get; }

    /// <summary><c>PickleBuildGuardTrustedSha256</c>: one or more hex SHA-256 values separated by <c>;</c>.</summary>
    public string? TrustedSha256 { get; }

    /// <summary><c>PickleBuildGuardSkip</c>: <c>true</c> leaves the file unscanned (and says so).</summary>
    public string? Skip { get; }
}
