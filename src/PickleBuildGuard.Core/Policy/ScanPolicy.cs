using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PickleBuildGuard.Policy;

/// <summary>
/// The one policy model every face (CLI, MSBuild task, runtime API) maps its inputs onto: extra allowed and
/// blocked globals, strict mode, and limits. Read from JSON with <see cref="PolicyFile"/>.
/// </summary>
public sealed class ScanPolicy
{
    public static ScanPolicy Default { get; } = new();

    /// <summary>Globals trusted on top of the built-in allowlist (they also override the built-in denylist).</summary>
    public IReadOnlyList<GlobalPattern> AllowedGlobals { get; init; } = Array.Empty<GlobalPattern>();

    /// <summary>Globals always treated as dangerous; they win over every allow entry.</summary>
    public IReadOnlyList<GlobalPattern> BlockedGlobals { get; init; } = Array.Empty<GlobalPattern>();

    /// <summary>When true, an unknown third-party global is dangerous instead of suspicious.</summary>
    public bool Strict { get; init; }

    public ScanLimits Limits { get; init; } = ScanLimits.Default;

    /// <summary>Reads a policy file; throws <see cref="PolicyException"/> naming the file on any problem.</summary>
    public static ScanPolicy Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PolicyException($"policy file '{path}' cannot be read: {e.Message}", e);
        }

        try
        {
            return PolicyFile.Parse(text);
        }
        catch (PolicyException e)
        {
            throw new PolicyException($"policy file '{path}': {e.Message}", e);
        }
    }

    /// <summary>This policy with more allowed/blocked patterns (parsed here, so every face reports bad patterns alike) and optionally strict.</summary>
    public ScanPolicy With(IEnumerable<string>? allow = null, IEnumerable<string>? block = null, bool? strict = null) => new()
    {
        AllowedGlobals = AllowedGlobals.Concat(ParsePatterns(allow)).ToArray(),
        BlockedGlobals = BlockedGlobals.Concat(ParsePatterns(block)).ToArray(),
        Strict = strict ?? Strict,
        Limits = Limits,
    };

    /// <summary>Splits a ';' or ',' separated list, as MSBuild properties give them.</summary>
    public static IEnumerable<string> SplitList(string? list) =>
        (list ?? string.Empty).Split(new[] { ';', ',', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    internal bool IsBlocked(string module, string name) => BlockedGlobals.Any(p => p.Matches(module, name));

    internal bool IsAllowed(string module, string name) => AllowedGlobals.Any(p => p.Matches(module, name));

    internal bool IsAllowedExactly(string module, string name) => AllowedGlobals.Any(p => !p.IsWildcard && p.Matches(module, name));

    private static IEnumerable<GlobalPattern> ParsePatterns(IEnumerable<string>? patterns) =>
        (patterns ?? Enumerable.Empty<string>()).Where(p => !string.IsNullOrWhiteSpace(p)).Select(GlobalPattern.Parse);
}
