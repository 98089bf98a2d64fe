using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>NoWarn, WarningsAsErrors and TreatWarningsAsErrors act on PBG warnings as on any other warning.</summary>
public sealed class WarningMappingTests
{
    [Theory]
    [InlineData("NoWarn=PBG1004", true, null)]
    [InlineData("WarningsAsErrors=PBG1004", false, "PBG1004")]
    [InlineData("TreatWarningsAsErrors=true", false, "PBG1004")]
    [InlineData("MSBuildTreatWarningsAsErrors=true", false, "PBG1004")]
    public void Warning_settings_apply_to_PBG_warnings(string property, bool succeeds, string? errorCode)
    {
        using var project = new ConsumerProject();
        project.AddFile("third_party.pkl", "forecast.pkl");
        var run = project.Build(property);
        Assert.Equal(succeeds, run.Succeeded);
        Assert.Empty(run.PbgWarnings);
        if (errorCode is null)
        {
            Assert.Empty(run.PbgErrors);
        }
        else
        {
            Assert.Equal(errorCode, Assert.Single(run.PbgErrors).Code);
        }
    }

    [Fact]
    public void WarningsNotAsErrors_keeps_a_PBG_code_a_warning_under_TreatWarningsAsErrors()
    {
        using var project = new ConsumerProject();
        project.AddFile("third_party.pkl", "forecast.pkl");
        project.AddProjectXml("<PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors><WarningsNotAsErrors>CS0168,PBG1004</WarningsNotAsErrors></PropertyGroup>");
        var run = project.Build();
        Assert.True(run.Succeeded, run.Output);
        Assert.Equal("PBG1004", Assert.Single(run.PbgWarnings).Code);
    }
}
