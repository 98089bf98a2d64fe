using System;
using System.IO;
using System.Security.Cryptography;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>PickleBuildGuardTrustedSha256 accepts exactly the pinned content and nothing else.</summary>
public sealed class TrustedHashTests
{
    [Fact]
    public void A_pin_accepts_exactly_that_content_and_fails_again_when_one_byte_changes()
    {
        using var project = new ConsumerProject();
        string model = project.AddFile("poisoned.pkl", "vetted.pkl");
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(model)));
        project.AddProjectXml($"""<ItemGroup><None Update="vetted.pkl" PickleBuildGuardTrustedSha256="{hash}" /></ItemGroup>""");

        var pinned = project.Build();
        Assert.True(pinned.Succeeded, pinned.Output);
        Assert.Empty(pinned.PbgErrors);
        Assert.Empty(pinned.PbgWarnings);
        Assert.Contains(pinned.Messages, m => m.Contains("PBG1001 accepted because the content matches PickleBuildGuardTrustedSha256 " + hash.ToLowerInvariant()));

        // One byte of the command changes: same size, still malicious, no longer the vetted content.
        var bytes = File.ReadAllBytes(model);
        int at = Array.LastIndexOf(bytes, (byte)'d');
        bytes[at] = (byte)'x';
        File.WriteAllBytes(model, bytes);

        var changed = project.Build();
        Assert.False(changed.Succeeded);
        Assert.Contains(changed.PbgErrors, e => e.Code == "PBG1001");
        Assert.Contains(changed.PbgWarnings, w => w.Code == "PBG0009" && w.Text.Contains(hash.ToLowerInvariant()));
    }

    [Fact]
    public void A_pin_is_per_file_and_does_not_cover_another_file_with_other_content()
    {
        using var project = new ConsumerProject();
        string vetted = project.AddFile("third_party.pkl", "vetted.pkl");
        project.AddFile("poisoned.pkl", "other.pkl");
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(vetted)));
        project.AddProjectXml($"""<ItemGroup><None Update="*.pkl" PickleBuildGuardTrustedSha256="{hash}" /></ItemGroup>""");

        var run = project.Build();
        Assert.False(run.Succeeded);
        var error = Assert.Single(run.PbgErrors);
        Assert.EndsWith("other.pkl", error.File);
        Assert.DoesNotContain(run.PbgWarnings, w => w.File!.EndsWith("vetted.pkl"));
    }

    [Fact]
    public void A_malformed_pin_is_an_error_not_an_ignored_pin()
    {
        using var project = new ConsumerProject();
        project.AddFile("poisoned.pkl", "vetted.pkl");
        project.AddProjectXml("""<ItemGroup><None Update="vetted.pkl" PickleBuildGuardTrustedSha256="abc123" /></ItemGroup>""");
        var run = project.Build();
        Assert.False(run.Succeeded);
        Assert.Contains(run.PbgErrors, e => e.Code == "PBG0007" && e.Text.Contains("abc123"));
    }
}
