using System.Linq;
using PickleBuildGuard.Fuzzing.Generation;
using PickleBuildGuard.Fuzzing.Harness;
using PickleBuildGuard.Fuzzing.Oracles;
using Xunit;

namespace PickleBuildGuard.Fuzzing.Tests;

/// <summary>
/// Every case of the hostile-input catalogue (bombs, floods, nestings, a zip of 100,000 entries, a tar of 100,001
/// members…) scans to what it must, within the time and allocation bounds. The three 300 MiB single-stream bombs
/// take seconds to build and are left to the long campaign; the committed bomb fixtures cover that shape here.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class HostileInputTests
{
    private static readonly string[] BuiltOnlyForLongCampaigns = { "gzip-bomb", "zlib-bomb", "zip-member-bomb", "gzip-of-pickle-of-zeros", "memo-flood-over-limit" };

    public static TheoryData<string> Cases()
    {
        var names = new TheoryData<string>();
        foreach (var hostile in HostileInputs.All.Where(c => !BuiltOnlyForLongCampaigns.Contains(c.Name)))
        {
            names.Add(hostile.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_input_scans_to_its_expected_verdict_within_bounds(string name)
    {
        FuzzInput input = HostileInputs.Find(name).Build();
        var bounds = new HarnessBounds();
        using var worker = new ScanWorker(data => new PickleScanner().ScanBytes(data));

        ScanObservation observation = worker.Run(input.Data, bounds.AbandonAfter);
        var violations = InvariantChecker.Check(input, observation, bounds);

        Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => $"{v.Invariant}: {v.Message}")));
    }

    [Fact]
    public void Overlapping_zip_members_are_reported_once_not_once_per_member()
    {
        FileScanResult result = new PickleScanner().ScanBytes(HostileInputs.Find("zip-overlapping-members").Build().Data);

        Assert.Single(result.Findings, f => f.RuleId == "PBG0004");
        Assert.Equal(Verdict.Unknown, result.Verdict);
    }

    [Fact]
    public void Stream_limit_in_an_archive_is_reported_once_and_the_rest_is_still_swept()
    {
        FileScanResult result = new PickleScanner().ScanBytes(HostileInputs.Find("zip-100000-entries-payload-last").Build().Data);

        Assert.Single(result.Findings, f => f.RuleId == "PBG0004");
        Assert.Contains(result.Findings, f => f.Callable == "posix.system" && f.Member == "m99999.pkl");
    }
}
