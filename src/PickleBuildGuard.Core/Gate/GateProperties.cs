namespace PickleBuildGuard.Gate;

/// <summary>
/// The build's policy inputs exactly as MSBuild properties give them (raw strings). <see cref="BuildGate"/> parses
/// them; an invalid value is a PBG0007 error, never a silent default.
/// </summary>
public sealed class GateProperties
{
    /// <summary><c>PickleBuildGuardPolicyFile</c>: a JSON policy, the same file <c>pickleguard scan --policy</c> reads.</summary>
    public string? PolicyFile { get; init; }

    /// <summary><c>PickleBuildGuardAllowedGlobals</c>: <c>module.name</c> or <c>module.*</c>, separated by <c>;</c>.</summary>
    public string? AllowedGlobals { get; init; }

    /// <summary><c>PickleBuildGuardBlockedGlobals</c>.</summary>
    public string? BlockedGlobals { get; init; }

    /// <summary><c>PickleBuildGuardFailOn</c>: Suspicious, Dangerous (default), Critical or Never.</summary>
    public string? FailOn { get; init; }

    /// <summary><c>PickleBuildGuardWarnOn</c>: Suspicious (default), Dangerous, Critical or Never.</summary>
    public string? WarnOn { get; init; }

    /// <summary><c>PickleBuildGuardOnIncomplete</c>: Error (default), Warning or Message.</summary>
    public string? OnIncomplete { get; init; }

    /// <summary><c>PickleBuildGuardExtensions</c>; empty means <see cref="Scanning.ModelFileExtensions.BuildDefault"/>.</summary>
    public string? Extensions { get; init; }

    /// <summary><c>PickleBuildGuardSniffContent</c>: true (default) or false.</summary>
    public string? SniffContent { get; init; }
}
