using System;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Campaign;

/// <summary>What a campaign runs: which inputs (seed and index range), under which bounds, and where failures go.</summary>
public sealed class CampaignOptions
{
    public ulong Seed { get; init; } = 1;

    public long Inputs { get; init; } = 10_000;

    /// <summary>Index of the first input: a campaign can be resumed, or one input replayed, from its index.</summary>
    public long FirstIndex { get; init; }

    public HarnessBounds Bounds { get; init; } = new();

    /// <summary>Where failing inputs are written (one .bin and one .txt each); none when null.</summary>
    public string? FailuresDirectory { get; init; }

    /// <summary>Stop early once the campaign has run this long (the report says how many inputs were run).</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Receives a progress line about every <see cref="ProgressInterval"/>.</summary>
    public Action<string>? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(30);
}
