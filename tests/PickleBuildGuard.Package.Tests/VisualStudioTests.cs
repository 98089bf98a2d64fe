using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>What Visual Studio relies on: design-time builds do not scan, the fast up-to-date check sees model files.</summary>
public sealed class VisualStudioTests
{
    [Fact]
    public void A_design_time_build_does_not_scan()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        var run = project.Build("DesignTimeBuild=true");
        Assert.DoesNotContain("PickleBuildGuardScan", run.ExecutedTargets);
        Assert.Empty(run.PbgErrors);
    }

    [Fact]
    public void Model_files_found_by_extension_or_by_content_and_the_policy_file_are_up_to_date_check_inputs()
    {
        using var project = new ConsumerProject();
        string byExtension = project.AddFile("torch_state_dict.pt", "weights.pt");
        string byContent = project.AddFile("sklearn_forest.joblib", "forest.data");
        string policy = Path.Combine(project.Directory, "policy.json");
        File.WriteAllText(policy, "{}");
        File.WriteAllText(Path.Combine(project.Directory, "readme.txt"), "not a model");
        Assert.True(project.Build($"PickleBuildGuardPolicyFile={policy}").Succeeded);

        var run = project.Run("msbuild", new[] { $"PickleBuildGuardPolicyFile={policy}" }, "-t:PickleBuildGuardUpToDateCheckInputs", "-getItem:UpToDateCheckInput");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("weights.pt", run.Output);
        Assert.Contains(byContent, run.Output);
        Assert.Contains("policy.json", run.Output);
        Assert.DoesNotContain("readme.txt", run.Output);
        Assert.DoesNotContain("Class1.cs", run.Output);
        Assert.True(File.Exists(byExtension));
    }
}
