using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>The sample projects do what samples/README.md says, built against the package this build packed.</summary>
public sealed class SampleProjectTests
{
    private static readonly string SamplesDirectory = Path.Combine(FindRepositoryRoot(), "samples");

    [Theory]
    [InlineData("BenignModels", true, null)]
    [InlineData("PoisonedModel", false, "PBG1001")]
    public void Sample_builds_as_documented(string sample, bool succeeds, string? errorCode)
    {
        using var copy = new ConsumerProject();
        // Same layout as samples/: the project folder beside models/, the package from the test feed.
        string root = Path.Combine(copy.Directory, "samples");
        CopyDirectory(Path.Combine(SamplesDirectory, "models"), Path.Combine(root, "models"));
        CopyDirectory(Path.Combine(SamplesDirectory, sample), Path.Combine(root, sample));
        File.Copy(Path.Combine(SamplesDirectory, "Directory.Build.props"), Path.Combine(root, "Directory.Build.props"));
        File.Copy(Path.Combine(copy.Directory, "nuget.config"), Path.Combine(root, "nuget.config"));
        File.Delete(copy.ProjectFile);

        var run = copy.RunProject(Path.Combine(root, sample, sample + ".csproj"), $"PickleBuildGuardSampleVersion={PackageFeed.Version}");
        Assert.Equal(succeeds, run.Succeeded);
        if (errorCode is null)
        {
            Assert.Empty(run.PbgErrors);
            Assert.Empty(run.PbgWarnings);
            Assert.Contains(run.Summaries, s => s.Contains("clean") && !s.Contains("critical"));
        }
        else
        {
            Assert.Equal(errorCode, run.PbgErrors.Select(e => e.Code).Distinct().Single());
            Assert.False(Directory.Exists(Path.Combine(root, sample, "bin", "Debug", "net10.0", "models")));
        }
    }

    [Fact]
    public void InteropGuardSample_shows_the_analyzer_warnings_and_builds()
    {
        using var copy = new ConsumerProject();
        string root = Path.Combine(copy.Directory, "samples");
        CopyDirectory(Path.Combine(SamplesDirectory, "InteropGuardSample"), Path.Combine(root, "InteropGuardSample"));
        File.Copy(Path.Combine(SamplesDirectory, "Directory.Build.props"), Path.Combine(root, "Directory.Build.props"));
        File.Copy(Path.Combine(copy.Directory, "nuget.config"), Path.Combine(root, "nuget.config"));
        File.Delete(copy.ProjectFile);

        var run = copy.RunProject(Path.Combine(root, "InteropGuardSample", "InteropGuardSample.csproj"), $"PickleBuildGuardSampleVersion={PackageFeed.Version}");
        Assert.True(run.Succeeded, run.Output);
        var codes = run.PbgWarnings.Select(w => w.Code).Distinct().OrderBy(c => c).ToArray();
        Assert.Equal(new[] { "PBG2001", "PBG2002", "PBG2004", "PBG2005", "PBG2006" }, codes);
        Assert.DoesNotContain(run.PbgWarnings, w => w.File!.EndsWith("Guarded.cs") && !w.File.EndsWith("Unguarded.cs"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin") || relative.StartsWith("obj"))
            {
                continue;
            }

            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PickleBuildGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
