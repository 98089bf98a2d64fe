using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>
/// In-process checks through Microsoft.Build.Locator: the defaults the package's props and targets give, and the
/// fields of the diagnostics (help link, no subcategory, line 1) that the binlog does not keep.
/// One class, so its tests never share MSBuild's build manager concurrently.
/// </summary>
public sealed class EvaluationTests
{
    [Fact]
    public void Package_defaults_match_the_documented_contract()
    {
        using var project = new ConsumerProject();
        Assert.Equal(0, project.Run("restore", Array.Empty<string>()).ExitCode);

        using var collection = new ProjectCollection();
        var evaluated = collection.LoadProject(project.ProjectFile);
        Assert.Equal("true", evaluated.GetPropertyValue("PickleBuildGuardEnabled"));
        Assert.Equal("Dangerous", evaluated.GetPropertyValue("PickleBuildGuardFailOn"));
        Assert.Equal("Suspicious", evaluated.GetPropertyValue("PickleBuildGuardWarnOn"));
        Assert.Equal("Error", evaluated.GetPropertyValue("PickleBuildGuardOnIncomplete"));
        Assert.Equal("None;Content;EmbeddedResource", evaluated.GetPropertyValue("PickleBuildGuardItemTypes"));
        Assert.Equal(string.Join(";", ModelFileExtensions.BuildDefault), evaluated.GetPropertyValue("PickleBuildGuardExtensions"));
        Assert.Equal("true", evaluated.GetPropertyValue("PickleBuildGuardSniffContent"));
        Assert.Equal(string.Empty, evaluated.GetPropertyValue("PickleBuildGuardAllowedGlobals"));
        Assert.Equal(string.Empty, evaluated.GetPropertyValue("PickleBuildGuardPolicyFile"));
        Assert.EndsWith(Path.Combine("obj", "Debug", "net10.0", "PickleBuildGuard.sarif"), evaluated.GetPropertyValue("PickleBuildGuardReportFile").Replace('\\', Path.DirectorySeparatorChar));
        string task = Path.GetFullPath(evaluated.GetPropertyValue("PickleBuildGuardTasksAssembly"));
        Assert.True(File.Exists(task), task);
        // In-process evaluation runs on this test's .NET 10: the precompiled task where one is shipped, else net8.0.
        string expected = RuntimeInformation.ProcessArchitecture != Architecture.X64 ? "net8.0"
            : OperatingSystem.IsLinux() ? "net10.0/linux-x64" : OperatingSystem.IsWindows() ? "net10.0/win-x64" : "net8.0";
        Assert.EndsWith("/tasks/" + expected, Path.GetDirectoryName(task)!.Replace('\\', '/'));
        Assert.DoesNotContain(evaluated.GetPropertyValue("MSBuildWarningsAsErrors").Split(';', StringSplitOptions.RemoveEmptyEntries), c => c.StartsWith("PBG"));

        // TreatWarningsAsErrors covers every code the task can warn with, except those WarningsNotAsErrors exempts.
        var strict = collection.LoadProject(project.ProjectFile, new Dictionary<string, string> { ["TreatWarningsAsErrors"] = "true", ["WarningsNotAsErrors"] = "PBG1004" }, null);
        var asErrors = strict.GetPropertyValue("MSBuildWarningsAsErrors").Split(';', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Where(id => id != "PBG1004").OrderBy(id => id), asErrors.Where(c => c.StartsWith("PBG")).OrderBy(c => c));
    }

    [Fact]
    public void Diagnostics_carry_the_rule_help_link_line_one_and_no_subcategory()
    {
        using var project = new ConsumerProject();
        string model = project.AddFile("poisoned.pkl", "model.pkl");
        project.AddFile("third_party.pkl", "forecast.pkl");
        Assert.Equal(0, project.Run("restore", Array.Empty<string>()).ExitCode);

        var logger = new CollectingLogger();
        var parameters = new BuildParameters { Loggers = new[] { logger }, DisableInProcNode = false, EnableNodeReuse = false };
        var request = new BuildRequestData(project.ProjectFile, new Dictionary<string, string?>(), null, new[] { "PickleBuildGuardScan" }, null);
        var result = BuildManager.DefaultBuildManager.Build(parameters, request);

        Assert.Equal(BuildResultCode.Failure, result.OverallResult);
        var error = Assert.Single(logger.Errors, e => e.Code == "PBG1001");
        Assert.Equal(RuleCatalog.DangerousCallableInvoked.HelpUri, error.HelpLink);
        Assert.Equal("https://github.com/picklebuildguard/picklebuildguard/blob/main/docs/rules/PBG1001.md", error.HelpLink);
        Assert.Null(error.Subcategory);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(model, error.File);
        var warning = Assert.Single(logger.Warnings, w => w.Code == "PBG1004");
        Assert.Equal(RuleCatalog.UnknownGlobal.HelpUri, warning.HelpLink);
        Assert.Null(warning.Subcategory);
        Assert.All(logger.Errors.Where(e => e.Code?.StartsWith("PBG") == true), e => Assert.False(string.IsNullOrEmpty(e.HelpLink)));
    }
}
