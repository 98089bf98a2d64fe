using Xunit;

namespace PickleBuildGuard.Cli.Tests;

public sealed class PolicyOptionTests
{
    [Fact]
    public void InvalidPolicyJson_Exits64BeforeScanning()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);
        string policy = temp.Write("policy.json", System.Text.Encoding.UTF8.GetBytes("{ \"allowGlobals\": [ "));

        var result = CliRunner.Run("scan", clean, "--policy", policy);

        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("pickleguard: ", result.Stderr);
        Assert.Contains(policy, result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void UnknownPolicyProperty_Exits64()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);
        string policy = temp.Write("policy.json", System.Text.Encoding.UTF8.GetBytes("{ \"allowGlobal\": [] }"));

        Assert.Equal(64, CliRunner.Run("scan", clean, "--policy", policy).ExitCode);
    }

    [Fact]
    public void MissingPolicyFile_Exits64()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", clean, "--policy", temp.Combine("nope.json"));

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("nope.json", result.Stderr);
    }

    [Theory]
    [InlineData("--allow", "not a pattern")]
    [InlineData("--block", "os")]
    [InlineData("--allow", "os.*.x")]
    public void BadGlobalPattern_Exits64(string option, string pattern)
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);

        var result = CliRunner.Run("scan", clean, option, pattern);

        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("pickleguard: ", result.Stderr);
    }

    [Fact]
    public void ValidPolicyAndPatterns_ScanNormally()
    {
        using var temp = new TempDirectory();
        string clean = temp.Write("list.pkl", TestPickles.Benign);
        string policy = temp.Write("policy.json", System.Text.Encoding.UTF8.GetBytes("{ \"strict\": true, \"allowGlobals\": [\"mypkg.*\"] }"));

        var result = CliRunner.Run("scan", clean, "--policy", policy, "--allow", "other.Thing", "--block", "evil.*", "--strict");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void BlockWinsOverAllow()
    {
        using var temp = new TempDirectory();
        string evil = temp.Write("evil.pkl", TestPickles.Malicious);

        var result = CliRunner.Run("scan", evil, "--allow", "posix.system", "--block", "posix.*");

        Assert.True(result.ExitCode is 2 or 3, result.Stdout);
    }
}
