using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;
using Xunit;

namespace PickleBuildGuard.Tests.Gate;

/// <summary>The package's props and targets agree with the engine they drive (lists kept in two places).</summary>
public sealed class PackageContractTests
{
    private static readonly string BuildFolder = Path.Combine(Fixtures.Root, "build");

    [Fact]
    public void The_default_extension_property_is_the_engine_build_default()
    {
        string props = File.ReadAllText(Path.Combine(BuildFolder, "PickleBuildGuard.props"));
        var value = Regex.Match(props, "<PickleBuildGuardExtensions [^>]*>([^<]*)</PickleBuildGuardExtensions>").Groups[1].Value;
        Assert.Equal(ModelFileExtensions.BuildDefault, value.Split(';'));
    }

    [Fact]
    public void TreatWarningsAsErrors_maps_every_rule_code()
    {
        string targets = File.ReadAllText(Path.Combine(BuildFolder, "PickleBuildGuard.targets"));
        var mapped = Regex.Matches(targets, @"\$\(MSBuildWarningsAsErrors\);(PBG\d{4})</MSBuildWarningsAsErrors>").Select(m => m.Groups[1].Value);
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).OrderBy(id => id), mapped.OrderBy(id => id));
    }

    [Fact]
    public void Every_rule_has_its_documentation_page()
    {
        foreach (var rule in RuleCatalog.All)
        {
            Assert.True(File.Exists(Path.Combine(Fixtures.Root, "docs", "rules", rule.Id + ".md")), rule.Id);
        }
    }
}
