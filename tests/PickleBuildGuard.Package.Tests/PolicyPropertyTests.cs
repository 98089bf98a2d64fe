using System.IO;
using System.Linq;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>Every property of DESIGN.md changes the outcome as documented (each row of the table is one build).</summary>
public sealed class PolicyPropertyTests
{
    [Fact]
    public void Enabled_false_does_not_run_the_scan()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        var run = project.Build("PickleBuildGuardEnabled=false");
        Assert.True(run.Succeeded, run.Output);
        Assert.DoesNotContain("PickleBuildGuardScan", run.ExecutedTargets);
    }

    [Fact]
    public void FailOn_decides_which_findings_are_errors()
    {
        using var project = new ConsumerProject();
        project.AddFile("dangerous_import.pkl", "dangerous.pkl");

        var byDefault = project.Build();
        Assert.Equal("PBG1002", Assert.Single(byDefault.PbgErrors).Code);

        var critical = project.Build("PickleBuildGuardFailOn=Critical");
        Assert.True(critical.Succeeded, critical.Output);
        Assert.Equal("PBG1002", Assert.Single(critical.PbgWarnings).Code);

        var never = project.Build("PickleBuildGuardFailOn=Never");
        Assert.True(never.Succeeded);
        Assert.Equal("PBG1002", Assert.Single(never.PbgWarnings).Code);
    }

    [Fact]
    public void FailOn_Suspicious_and_WarnOn_decide_what_an_unknown_third_party_class_gives()
    {
        using var project = new ConsumerProject();
        project.AddFile("third_party.pkl", "forecast.pkl");

        var byDefault = project.Build();
        Assert.True(byDefault.Succeeded, byDefault.Output);
        Assert.Equal("PBG1004", Assert.Single(byDefault.PbgWarnings).Code);

        var strict = project.Build("PickleBuildGuardFailOn=Suspicious");
        Assert.False(strict.Succeeded);
        Assert.Equal("PBG1004", Assert.Single(strict.PbgErrors).Code);

        var quiet = project.Build("PickleBuildGuardWarnOn=Never");
        Assert.True(quiet.Succeeded);
        Assert.Empty(quiet.PbgWarnings);
        Assert.Contains(quiet.Messages, m => m.Contains("PBG1004"));
    }

    [Fact]
    public void OnIncomplete_decides_what_a_file_that_cannot_be_verified_gives()
    {
        using var project = new ConsumerProject();
        project.AddFile("truncated.pkl", "half.pkl");

        var byDefault = project.Build();
        Assert.False(byDefault.Succeeded);
        Assert.NotEmpty(byDefault.PbgErrors);
        Assert.All(byDefault.PbgErrors, e => Assert.Equal("PBG0002", e.Code));

        var warning = project.Build("PickleBuildGuardOnIncomplete=Warning");
        Assert.True(warning.Succeeded);
        Assert.Empty(warning.PbgErrors);
        Assert.NotEmpty(warning.PbgWarnings);
        Assert.All(warning.PbgWarnings, w => Assert.Equal("PBG0002", w.Code));

        var message = project.Build("PickleBuildGuardOnIncomplete=Message");
        Assert.True(message.Succeeded);
        Assert.Empty(message.PbgWarnings);
    }

    [Fact]
    public void ItemTypes_and_Extensions_choose_the_candidates()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");

        var contentOnly = project.Build("PickleBuildGuardItemTypes=Content");
        Assert.True(contentOnly.Succeeded, contentOnly.Output);

        var otherExtension = project.Build("PickleBuildGuardExtensions=.pt", "PickleBuildGuardSniffContent=false");
        Assert.True(otherExtension.Succeeded);

        var pklExtension = project.Build("PickleBuildGuardExtensions=.pkl", "PickleBuildGuardSniffContent=false");
        Assert.False(pklExtension.Succeeded);
    }

    [Fact]
    public void PickleBuildGuardFile_items_are_scanned_whatever_the_item_types()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "extra/model.pkl");
        project.AddProjectXml("""<ItemGroup><None Remove="extra/**" /><PickleBuildGuardFile Include="extra/**" /></ItemGroup>""");
        var run = project.Build();
        Assert.False(run.Succeeded);
        Assert.EndsWith("model.pkl", Assert.Single(run.PbgErrors).File);
    }

    [Fact]
    public void AllowedGlobals_trusts_a_class_and_BlockedGlobals_blocks_one()
    {
        using var project = new ConsumerProject();
        project.AddFile("third_party.pkl", "forecast.pkl");

        var allowed = project.Build("PickleBuildGuardAllowedGlobals=acme_forecasting.models.*");
        Assert.True(allowed.Succeeded);
        Assert.Empty(allowed.PbgWarnings);

        var blocked = project.Build("PickleBuildGuardBlockedGlobals=acme_forecasting.models.SeasonalModel");
        Assert.False(blocked.Succeeded);
        Assert.Contains(blocked.PbgErrors, e => e.Text.Contains("acme_forecasting.models.SeasonalModel"));
    }

    [Fact]
    public void PolicyFile_is_read_and_a_broken_one_fails_with_PBG0007()
    {
        using var project = new ConsumerProject();
        project.AddFile("third_party.pkl", "forecast.pkl");
        string policy = Path.Combine(project.Directory, "pickle-policy.json");
        File.WriteAllText(policy, """{ "allowGlobals": ["acme_forecasting.models.SeasonalModel"] }""");
        string broken = Path.Combine(project.Directory, "broken-policy.json");
        File.WriteAllText(broken, "{ \"allowGlobals\": [ ");

        var good = project.Build($"PickleBuildGuardPolicyFile={policy}");
        Assert.True(good.Succeeded, good.Output);
        Assert.Empty(good.PbgWarnings);

        var bad = project.Build($"PickleBuildGuardPolicyFile={broken}");
        Assert.False(bad.Succeeded);
        var error = Assert.Single(bad.PbgErrors);
        Assert.Equal("PBG0007", error.Code);
        Assert.Equal(broken, error.File);
    }

    [Fact]
    public void An_invalid_property_value_fails_with_PBG0007_instead_of_a_silent_default()
    {
        using var project = new ConsumerProject();
        project.AddFile("sklearn_forest.joblib", "model.joblib");
        var run = project.Build("PickleBuildGuardFailOn=Sometimes");
        Assert.False(run.Succeeded);
        var error = Assert.Single(run.PbgErrors);
        Assert.Equal("PBG0007", error.Code);
        Assert.Contains("PickleBuildGuardFailOn", error.Text);
    }

    [Fact]
    public void ReportFile_receives_a_SARIF_report_of_the_scan_also_when_results_come_from_the_cache()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        project.AddFile("torch_state_dict.pt", "weights.pt");
        string report = Path.Combine(project.Directory, "reports", "pickle.sarif");

        project.Build($"PickleBuildGuardReportFile={report}");
        File.Delete(report);
        project.Build($"PickleBuildGuardReportFile={report}");

        string sarif = File.ReadAllText(report);
        Assert.Contains("\"version\": \"2.1.0\"", sarif);
        Assert.Contains("\"ruleId\": \"PBG1001\"", sarif);
        Assert.Contains("\"uri\": \"model.pkl\"", sarif);
        Assert.False(File.Exists(Path.Combine(project.ObjDirectory, "Debug", "net10.0", "PickleBuildGuard.sarif")));
    }

    [Fact]
    public void Skip_metadata_leaves_a_file_unscanned_and_says_so()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        project.AddProjectXml("""<ItemGroup><None Update="model.pkl" PickleBuildGuardSkip="true" /></ItemGroup>""");
        var run = project.Build();
        Assert.True(run.Succeeded, run.Output);
        Assert.Contains(run.Messages, m => m.Contains("model.pkl: not scanned (PickleBuildGuardSkip is true)"));
    }
}
