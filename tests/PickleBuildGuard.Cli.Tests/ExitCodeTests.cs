using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class ExitCodeTests
{
    [Fact]
    public void CleanPickle_ExitsZero()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void MaliciousPickle_ExitsThree()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("evil.pkl", TestPickles.Malicious);

        Assert.Equal(3, CliRunner.Run("scan", file).ExitCode);
    }

    [Fact]
    public void WorstVerdictOverAllFiles_DecidesTheExitCode()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("a.pkl", TestPickles.Benign);
        string evil = temp.Write("b.pkl", TestPickles.Malicious);

        Assert.Equal(3, CliRunner.Run("scan", clean, evil).ExitCode);
    }

    [Fact]
    public void MissingPath_Exits66_AndNamesThePath()
    {
        using var temp = new TempDirectory();
        string missing = temp.Combine("does-not-exist.pkl");

        var result = CliRunner.Run("scan", missing);

        Assert.Equal(66, result.ExitCode);
        Assert.Contains(missing, result.Stderr);
    }

    [Fact]
    public void MissingPathNextToCleanFile_StillExits66()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("a.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", clean, temp.Combine("missing.pkl"));

        Assert.Equal(66, result.ExitCode);
        Assert.Contains("Scanned 1 file", result.Stdout);
    }

    [Fact]
    public void MissingPathNextToMaliciousFile_ReportsTheFinding()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);

        var result = CliRunner.Run("scan", temp.Combine("missing.pkl"), evil);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("missing.pkl", result.Stderr);
    }

    [Fact]
    public void UnrecognisedFileNamedExplicitly_IsScannedAndNotClean()
    {
        using var temp = new TempDirectory();
        string notes = temp.Write("notes.txt", TestPickles.PlainText);

        var result = CliRunner.Run("scan", notes);

        // Fail-closed: content the scanner cannot verify is unknown (exit 4), never clean.
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("PBG0006", result.Stdout);
    }

    [Theory]
    [InlineData(Verdict.Clean, 0)]
    [InlineData(Verdict.Suspicious, 1)]
    [InlineData(Verdict.Dangerous, 2)]
    [InlineData(Verdict.Critical, 3)]
    [InlineData(Verdict.Unknown, 4)]
    public void VerdictMapsToItsExitCode(Verdict verdict, int expected)
    {
        Assert.Equal(expected, ExitCodes.FromVerdict(verdict));
    }
}
