using System.Linq;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>A multi-targeted project built in parallel scans each model file once and fails in every target framework.</summary>
public sealed class MultiTargetingTests
{
    [Fact]
    public void Each_file_is_scanned_once_per_build_across_target_frameworks()
    {
        using var project = new ConsumerProject("net8.0;net10.0");
        project.AddFile("poisoned.pkl", "model.pkl");
        var run = project.Run("build", new string[0], "-m:2");
        Assert.False(run.Succeeded, run.Output);
        var summaries = run.Summaries.ToList();
        Assert.Equal(2, summaries.Count);
        Assert.Single(summaries, s => s.Contains("1 scanned, 0 from cache"));
        Assert.Single(summaries, s => s.Contains("0 scanned, 1 from cache"));
        Assert.All(run.PbgErrors, e => Assert.Equal("PBG1001", e.Code));
    }
}
