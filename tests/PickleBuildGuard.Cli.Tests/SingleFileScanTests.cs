using System.Linq;
using System.Text.Json;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

/// <summary>A single file is scanned on the calling thread (no Parallel.For); it must report exactly as in a parallel run.</summary>
public sealed class SingleFileScanTests
{
    private static string FileEntry(CliResult result, string path)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("path").GetString() == path)
            .GetRawText();
    }

    [Theory]
    [InlineData("evil.pkl", 3)]
    [InlineData("model.pkl", 0)]
    public void SingleFile_ReportsAsInAParallelRun(string name, int aloneExitCode)
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);
        string model = temp.Write("model.pkl", TestPickles.Benign);
        string target = name == "evil.pkl" ? evil : model;

        var alone = CliRunner.Run("scan", target, "-f", "json");
        var together = CliRunner.Run("scan", evil, model, "-f", "json");

        Assert.Equal(aloneExitCode, alone.ExitCode);
        Assert.Equal(3, together.ExitCode);
        Assert.Equal(FileEntry(together, target), FileEntry(alone, target));
    }
}
