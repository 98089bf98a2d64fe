using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>The issue's acceptance: a poisoned model fails every build and never reaches bin/; a benign one is silent.</summary>
public sealed class PoisonedModelTests
{
    [Fact]
    public void Malicious_model_renamed_model_bin_fails_the_build_twice_and_is_not_copied_to_bin()
    {
        using var project = new ConsumerProject();
        string model = project.AddFile("poisoned.pkl", "model.bin");
        project.AddProjectXml("""<ItemGroup><None Update="model.bin" CopyToOutputDirectory="PreserveNewest" /></ItemGroup>""");

        var first = project.Build();
        Assert.False(first.Succeeded, first.Output);
        var error = Assert.Single(first.PbgErrors);
        Assert.Equal("PBG1001", error.Code);
        Assert.Equal(model, error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains("posix.system", error.Text);
        Assert.Matches(@"model\.bin\(1\): error PBG1001: ", first.Output);
        Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "model.bin")));
        Assert.Contains(first.Summaries, s => s.Contains("1 scanned"));

        // Nothing changed: the result comes from the cache, and the error is reported again.
        var second = project.Build();
        Assert.False(second.Succeeded);
        Assert.Equal("PBG1001", Assert.Single(second.PbgErrors).Code);
        Assert.Contains(second.Summaries, s => s.Contains("0 scanned, 1 from cache"));
        Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "model.bin")));
    }

    [Fact]
    public void Real_benign_torch_and_sklearn_files_build_with_no_PBG_diagnostic_and_are_copied()
    {
        using var project = new ConsumerProject();
        project.AddFile("torch_state_dict.pt", "models/pytorch_model.bin");
        project.AddFile("sklearn_forest.joblib", "models/forest.joblib");
        project.AddProjectXml("""<ItemGroup><Content Include="models/**" CopyToOutputDirectory="PreserveNewest" /><None Remove="models/**" /></ItemGroup>""");

        var run = project.Build();
        Assert.True(run.Succeeded, run.Output);
        Assert.Empty(run.PbgErrors);
        Assert.Empty(run.PbgWarnings);
        Assert.Contains(run.Summaries, s => s.Contains("2 model file(s): 2 clean"));
        Assert.True(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "models", "pytorch_model.bin")));
    }

    [Fact]
    public void A_pickle_with_a_non_model_extension_is_found_by_content_unless_sniffing_is_off()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "notes.txt");

        var sniffed = project.Build();
        Assert.False(sniffed.Succeeded);
        Assert.EndsWith("notes.txt", Assert.Single(sniffed.PbgErrors).File);

        var notSniffed = project.Build("PickleBuildGuardSniffContent=false");
        Assert.True(notSniffed.Succeeded, notSniffed.Output);
        Assert.Empty(notSniffed.PbgErrors);
    }

    [Fact]
    public void A_changed_file_is_scanned_again()
    {
        using var project = new ConsumerProject();
        string model = project.AddFile("sklearn_forest.joblib", "model.pkl");
        Assert.True(project.Build().Succeeded);

        File.Copy(PackageFeed.Model("poisoned.pkl"), model, overwrite: true);
        var run = project.Build();
        Assert.False(run.Succeeded);
        Assert.Equal("PBG1001", Assert.Single(run.PbgErrors).Code);
        Assert.Contains(run.Summaries, s => s.Contains("1 scanned"));
    }

    [Fact]
    public void A_tampered_cache_entry_means_a_rescan_not_a_pass()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        Assert.False(project.Build().Succeeded);

        // An attacker rewrites the cached verdict to clean (keeping the JSON valid): the MAC no longer matches.
        string cache = Directory.GetFiles(project.ObjDirectory, "*.PickleBuildGuard.cache").Single();
        string text = File.ReadAllText(cache);
        Assert.Contains("critical", text);
        File.WriteAllText(cache, text.Replace("critical", "clean").Replace("PBG1001", "PBG0000"));

        var run = project.Build();
        Assert.False(run.Succeeded);
        Assert.Equal("PBG1001", Assert.Single(run.PbgErrors).Code);
        Assert.Contains(run.Summaries, s => s.Contains("1 scanned, 0 from cache"));
    }

    [Fact]
    public void Dotnet_build_loads_the_precompiled_task_and_a_no_op_build_replays_the_same_errors()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        var first = project.Build();
        var second = project.Build();

        string? rid = RuntimeInformation.ProcessArchitecture != Architecture.X64 ? null
            : OperatingSystem.IsLinux() ? "linux-x64" : OperatingSystem.IsWindows() ? "win-x64" : null;
        string folder = rid is null ? "tasks/net8.0/" : $"tasks/net10.0/{rid}/";
        Assert.Contains(second.Messages, m => m.StartsWith("Assembly loaded during TaskRun") && m.Replace('\\', '/').Contains(folder + "PickleBuildGuard.Tasks.dll"));
        Assert.Equal(first.PbgErrors.Select(e => (e.Code, e.File, e.Line, e.Text)), second.PbgErrors.Select(e => (e.Code, e.File, e.Line, e.Text)));
        Assert.Contains(second.Summaries, s => s.Contains("0 scanned, 1 from cache"));

        // Without its report the build needs the full results again: it reads them from the cache and rewrites it.
        string report = Directory.GetFiles(project.ObjDirectory, "PickleBuildGuard.sarif", SearchOption.AllDirectories).Single();
        File.Delete(report);
        var third = project.Build();
        Assert.Equal("PBG1001", Assert.Single(third.PbgErrors).Code);
        Assert.Contains("posix.system", File.ReadAllText(report));
    }

    [Fact]
    public void The_netstandard_task_that_Visual_Studio_loads_gives_the_same_diagnostics()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "model.pkl");
        var restore = project.Build();
        string task = Directory.GetFiles(Path.Combine(project.Directory, ".packages"), "PickleBuildGuard.Tasks.dll", SearchOption.AllDirectories)
            .Single(p => p.Contains("netstandard2.0"));

        var run = project.Build($"PickleBuildGuardTasksAssembly={task}", "PickleBuildGuardCacheFile=");
        Assert.False(run.Succeeded);
        Assert.Equal(restore.PbgErrors.Select(e => (e.Code, e.File, e.Text)), run.PbgErrors.Select(e => (e.Code, e.File, e.Text)));
    }
}
