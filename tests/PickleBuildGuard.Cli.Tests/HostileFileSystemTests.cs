using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using PickleBuildGuard.Policy;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

/// <summary>
/// Paths a scan can meet that are not ordinary files: unreadable, empty, vanished, a directory named like a model, a
/// symbolic link loop, a FIFO, a device. Each gives a PBG0 diagnostic and a non-clean exit code, never a crash, a
/// hang or a pass.
/// </summary>
public sealed class HostileFileSystemTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    /// <summary>Runs the CLI with JSON output on a worker, failing the test instead of hanging it.</summary>
    private static CliResult RunWithin(params string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(args.Concat(new[] { "-f", "json" }).ToArray()));
        Assert.True(run.Wait(HangLimit), $"pickleguard {string.Join(' ', args)} did not finish within {HangLimit.TotalSeconds} s");
        return run.Result;
    }

    private static (string Path, string Verdict, string[] Rules, string Message)[] Files(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("files").EnumerateArray().Select(f => (
            f.GetProperty("path").GetString()!,
            f.GetProperty("verdict").GetString()!,
            f.GetProperty("findings").EnumerateArray().Select(x => x.GetProperty("ruleId").GetString()!).ToArray(),
            string.Join(" ", f.GetProperty("findings").EnumerateArray().Select(x => x.GetProperty("message").GetString())))).ToArray();
    }

    private static void MakeFifo(string path) => Assert.Equal(0, mkfifo(path, Convert.ToUInt32("644", 8)));

    [Fact]
    public void Zero_byte_file_is_unknown_not_clean()
    {
        using var temp = new TempDirectory();
        string empty = temp.Write("model.pkl", Array.Empty<byte>());

        var result = RunWithin("scan", empty);

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        var file = Assert.Single(Files(result));
        Assert.Equal("unknown", file.Verdict);
        Assert.Contains("PBG0006", file.Rules);
    }

    [Fact]
    public void Directory_named_like_a_model_given_on_the_command_line_is_unreadable()
    {
        using var temp = new TempDirectory();
        string directory = temp.Combine("model.pt");
        Directory.CreateDirectory(directory);

        var result = RunWithin("scan", directory);

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        var file = Assert.Single(Files(result));
        Assert.Contains("PBG0001", file.Rules);
        Assert.Contains("is a directory", file.Message);
    }

    [Fact]
    public void Directory_named_like_a_model_inside_a_scanned_directory_is_reported()
    {
        using var temp = new TempDirectory();
        temp.Write("weights.pkl", TestPickles.Benign);
        Directory.CreateDirectory(temp.Combine("model.pt"));

        var result = RunWithin("scan", temp.Path);

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        Assert.Contains(Files(result), f => f.Path.EndsWith("model.pt", StringComparison.Ordinal) && f.Rules.Contains("PBG0001"));
    }

    [Fact]
    public void Directory_named_like_a_model_with_pickles_in_it_is_scanned_recursively()
    {
        // An extracted torch archive keeps the archive's name: its pickles are what matters, not the directory.
        using var temp = new TempDirectory();
        temp.Write(Path.Combine("model.pt", "archive", "data.pkl"), TestPickles.Malicious);

        var result = RunWithin("scan", "-r", temp.Path);

        Assert.Equal(ExitCodes.Critical, result.ExitCode);
        Assert.DoesNotContain(Files(result), f => f.Rules.Contains("PBG0001"));
    }

    [Fact]
    public void Symbolic_link_loop_is_unreadable_and_the_scan_finishes()
    {
        using var temp = new TempDirectory();
        string loop = temp.Combine("model.pkl");
        File.CreateSymbolicLink(loop, loop);

        var result = RunWithin("scan", loop);

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        Assert.Contains("PBG0001", Assert.Single(Files(result)).Rules);
    }

    [Fact]
    public void Symbolic_link_loop_between_two_files_in_a_directory_is_unreadable()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("a.pkl"), temp.Combine("b.pkl"));
        File.CreateSymbolicLink(temp.Combine("b.pkl"), temp.Combine("a.pkl"));

        var result = RunWithin("scan", temp.Path);

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        Assert.All(Files(result), f => Assert.Contains("PBG0001", f.Rules));
        Assert.Equal(2, Files(result).Length);
    }

    [Fact]
    public void Path_that_vanishes_between_listing_and_scanning_is_unreadable()
    {
        using var temp = new TempDirectory();
        string model = temp.Write("model.pkl", TestPickles.Benign);
        var collector = new FileCollector();
        collector.Add(temp.Path, recursive: false);
        File.Delete(model);

        var report = ScanCommand.Scan(collector, ScanPolicy.Default);

        var file = Assert.Single(report.Files);
        Assert.Equal(Verdict.Unknown, file.Verdict);
        Assert.Equal(ScanStatus.Error, file.Status);
        Assert.Contains(file.Findings, f => f.RuleId == "PBG0001");
        Assert.Equal(ExitCodes.Unknown, ExitCodes.FromVerdict(report.Verdict));
    }

    [Fact]
    public void File_replaced_by_a_directory_between_listing_and_scanning_is_unreadable()
    {
        using var temp = new TempDirectory();
        string model = temp.Write("model.pkl", TestPickles.Malicious);
        var collector = new FileCollector();
        collector.Add(model, recursive: false);
        File.Delete(model);
        Directory.CreateDirectory(model);

        var file = Assert.Single(ScanCommand.Scan(collector, ScanPolicy.Default).Files);

        Assert.Equal(Verdict.Unknown, file.Verdict);
        Assert.Contains(file.Findings, f => f.RuleId == "PBG0001" && f.Message.Contains("is a directory"));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void File_without_read_permission_is_unreadable_or_read_by_a_privileged_user()
    {
        using var temp = new TempDirectory();
        string model = temp.Write("model.pkl", TestPickles.Malicious);
        File.SetUnixFileMode(model, UnixFileMode.None);
        bool privileged;
        try
        {
            // root (as in most CI containers) reads a mode-000 file anyway: then the scan must read it too.
            using (File.OpenRead(model))
            {
            }

            privileged = true;
        }
        catch (UnauthorizedAccessException)
        {
            privileged = false;
        }

        var result = RunWithin("scan", model);

        var file = Assert.Single(Files(result));
        if (privileged)
        {
            Assert.Equal(ExitCodes.Critical, result.ExitCode);
            Assert.Equal("critical", file.Verdict);
        }
        else
        {
            Assert.Equal(ExitCodes.Unknown, result.ExitCode);
            Assert.Contains("PBG0001", file.Rules);
        }
    }

    [UnixFact]
    public void Fifo_given_on_the_command_line_is_not_opened_and_not_clean()
    {
        using var temp = new TempDirectory();
        string fifo = temp.Combine("model.pkl");
        MakeFifo(fifo);

        var result = RunWithin("scan", fifo);

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        var file = Assert.Single(Files(result));
        Assert.Contains("PBG0006", file.Rules);
        Assert.Contains("FIFO", file.Message);
    }

    [UnixFact]
    public void Fifo_named_like_a_model_in_a_scanned_directory_does_not_block_the_scan()
    {
        using var temp = new TempDirectory();
        MakeFifo(temp.Combine("model.pkl"));
        File.CreateSymbolicLink(temp.Combine("link.pt"), temp.Combine("model.pkl"));
        temp.Write("evil.pkl", TestPickles.Malicious);

        var result = RunWithin("scan", temp.Path);

        Assert.Equal(ExitCodes.Critical, result.ExitCode);
        Assert.Equal(3, Files(result).Length);
        Assert.Equal(2, Files(result).Count(f => f.Rules.Contains("PBG0006")));
    }

    [UnixFact]
    public void Character_device_is_not_read_as_a_model()
    {
        var result = RunWithin("scan", "/dev/zero");

        Assert.Equal(ExitCodes.Unknown, result.ExitCode);
        Assert.Contains("PBG0006", Assert.Single(Files(result)).Rules);
    }
}
