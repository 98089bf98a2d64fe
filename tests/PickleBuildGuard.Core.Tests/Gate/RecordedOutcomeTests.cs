using System;
using System.IO;
using System.Linq;
using PickleBuildGuard.Gate;
using Xunit;

namespace PickleBuildGuard.Tests.Gate;

public sealed class RecordedOutcomeTests
{
    [Fact]
    public void An_unchanged_run_replays_the_recorded_diagnostics_without_reading_results()
    {
        using var workspace = new GateWorkspace();
        var poisoned = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        var forecast = workspace.Add(GateWorkspace.ThirdParty, "forecast.pkl");
        var first = workspace.RunReplayable(null, poisoned, forecast);
        var replayed = workspace.RunReplayable(null, poisoned, forecast);

        Assert.False(first.Replayed);
        Assert.True(replayed.Replayed);
        Assert.False(replayed.ResultsChanged);
        Assert.Empty(replayed.Results);
        Assert.Equal(first.Diagnostics.Select(d => (d.Level, d.Code, d.File, d.Message, d.HelpLink)), replayed.Diagnostics.Select(d => (d.Level, d.Code, d.File, d.Message, d.HelpLink)));
        Assert.Equal(first.ModelFiles, replayed.ModelFiles);
        Assert.True(replayed.HasErrors);
        Assert.Equal("PickleBuildGuard: 2 model file(s): 1 suspicious, 1 critical (0 scanned, 2 from cache, 0 skipped)", replayed.Summary);
        Assert.Equal(first.Summary.Replace("(2 scanned, 0 from cache", "(0 scanned, 2 from cache"), replayed.Summary);
    }

    [Fact]
    public void Without_permission_to_replay_the_results_are_read_from_the_cache()
    {
        using var workspace = new GateWorkspace();
        var poisoned = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        workspace.RunReplayable(null, poisoned);
        var outcome = workspace.Run(null, poisoned);
        Assert.False(outcome.Replayed);
        Assert.Equal((0, 1), (outcome.Scanned, outcome.FromCache));
        Assert.Single(outcome.Results);
    }

    public static TheoryData<string> Changes() => new()
    {
        "timestamp", "content", "property", "pin", "skip", "added item", "removed item", "renamed item", "tampered record",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_of_the_inputs_means_a_full_run_with_the_right_diagnostics(string change)
    {
        using var workspace = new GateWorkspace();
        var poisoned = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        var forecast = workspace.Add(GateWorkspace.ThirdParty, "forecast.pkl");
        var items = new[] { poisoned, forecast };
        var properties = new GateProperties();
        workspace.RunReplayable(properties, items);
        Assert.True(workspace.RunReplayable(properties, items).Replayed);

        switch (change)
        {
            case "timestamp":
                File.SetLastWriteTimeUtc(forecast.FullPath, File.GetLastWriteTimeUtc(forecast.FullPath).AddSeconds(-3));
                break;
            case "content":
                File.AppendAllText(forecast.FullPath, "x");
                break;
            case "property":
                properties = new GateProperties { WarnOn = "Never" };
                break;
            case "pin":
                items = new[] { poisoned, new BuildItem(forecast.ItemSpec, forecast.FullPath, new string('0', 64)) };
                break;
            case "skip":
                items = new[] { poisoned, new BuildItem(forecast.ItemSpec, forecast.FullPath, null, "true") };
                break;
            case "added item":
                items = new[] { poisoned, forecast, workspace.Add(GateWorkspace.Benign, "forest.pkl") };
                break;
            case "removed item":
                items = new[] { poisoned };
                break;
            case "renamed item":
                items = new[] { new BuildItem("linked/model.pkl", poisoned.FullPath), forecast };
                break;
            case "tampered record":
                string text = File.ReadAllText(workspace.CacheFile);
                Assert.Contains("(at offset", text);
                File.WriteAllText(workspace.CacheFile, text.Replace("(at offset", "(at 0ffset"));
                break;
        }

        var outcome = workspace.RunReplayable(properties, items);
        var expected = workspace.Run(properties, items);
        Assert.False(outcome.Replayed);
        Assert.Equal(expected.Diagnostics.Select(d => d.ToString()), outcome.Diagnostics.Select(d => d.ToString()));
        Assert.Contains(outcome.Diagnostics, d => d.Code == "PBG1001" && d.Message.Contains("(at offset"));
        // And the run recorded the new inputs: the next unchanged run replays again.
        Assert.True(workspace.RunReplayable(properties, items).Replayed);
    }

    [Fact]
    public void A_run_with_a_missing_model_file_is_never_replayed()
    {
        using var workspace = new GateWorkspace();
        var poisoned = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        var missing = new BuildItem("absent.pt", Path.Combine(workspace.Directory, "absent.pt"));
        workspace.RunReplayable(null, poisoned, missing);
        var again = workspace.RunReplayable(null, poisoned, missing);
        Assert.False(again.Replayed);
        Assert.Contains(again.Diagnostics, d => d.File == missing.FullPath);
        Assert.Contains(again.Diagnostics, d => d.Code == "PBG1001");
    }
}
