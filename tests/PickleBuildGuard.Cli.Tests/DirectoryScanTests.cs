using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class DirectoryScanTests
{
    private static string[] ScannedPaths(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();
    }

    [Fact]
    public void Directory_FindsPickleByContentAndIgnoresPlainText()
    {
        using var temp = new TempDirectory();
        temp.Write("disguised.txt", TestPickles.Malicious);
        temp.Write("notes.txt", TestPickles.PlainText);
        temp.Write("model.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", temp.Path, "-f", "json");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            new[] { Path.Join(temp.Path, "disguised.txt"), Path.Join(temp.Path, "model.pkl") },
            ScannedPaths(result));
    }

    [Fact]
    public void Directory_WithoutRecursion_SkipsSubdirectories()
    {
        using var temp = new TempDirectory();
        temp.Write("top.pkl", TestPickles.Benign);
        temp.Write(Path.Combine("nested", "deeper", "evil.pkl"), TestPickles.Malicious);

        var result = CliRunner.Run("scan", temp.Path, "-f", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { Path.Join(temp.Path, "top.pkl") }, ScannedPaths(result));
    }

    [Fact]
    public void Directory_WithRecursion_ScansSubdirectoriesInPathOrder()
    {
        using var temp = new TempDirectory();
        temp.Write("top.pkl", TestPickles.Benign);
        temp.Write(Path.Combine("nested", "deeper", "evil.bin"), TestPickles.Malicious);
        temp.Write(Path.Combine("nested", "a.pkl"), TestPickles.Benign);

        var result = CliRunner.Run("scan", "--recursive", temp.Path, "-f", "json");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            new[]
            {
                Path.Join(temp.Path, "nested", "a.pkl"),
                Path.Join(temp.Path, "nested", "deeper", "evil.bin"),
                Path.Join(temp.Path, "top.pkl"),
            },
            ScannedPaths(result));
    }

    [Fact]
    public void Directory_ScansHiddenFiles()
    {
        using var temp = new TempDirectory();
        temp.Write(".hidden.pkl", TestPickles.Malicious);

        Assert.Equal(3, CliRunner.Run("scan", temp.Path).ExitCode);
    }

    [Fact]
    public void SameFileTwice_IsScannedOnce()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("a.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", file, temp.Path, file, "-f", "json");

        Assert.Single(ScannedPaths(result));
    }

    [Fact]
    public void EmptyDirectory_IsCleanWithANote()
    {
        using var temp = new TempDirectory();
        temp.Write("notes.txt", TestPickles.PlainText);

        var result = CliRunner.Run("scan", temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no model files found", result.Stderr);
        Assert.Contains("Scanned 0 files", result.Stdout);
    }

    [Fact]
    public void Recursion_DoesNotFollowDirectorySymlinks()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Creating symbolic links needs a privilege Windows test runners often lack.
        }

        using var temp = new TempDirectory();
        temp.Write(Path.Combine("models", "a.pkl"), TestPickles.Benign);
        Directory.CreateSymbolicLink(temp.Combine(Path.Combine("models", "loop")), temp.Path);

        var result = CliRunner.Run("scan", "-r", temp.Path, "-f", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { Path.Join(temp.Path, "models", "a.pkl") }, ScannedPaths(result));
    }

    [Fact]
    public void Recursion_SkipsVersionControlMetadata()
    {
        using var temp = new TempDirectory();
        temp.Write(Path.Combine(".git", "objects", "evil.pkl"), TestPickles.Malicious);
        temp.Write("a.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", "-r", temp.Path, "-f", "json");

        Assert.Equal(new[] { Path.Join(temp.Path, "a.pkl") }, ScannedPaths(result));
    }
}
