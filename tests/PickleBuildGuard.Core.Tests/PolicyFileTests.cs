using System;
using PickleBuildGuard.Policy;
using Xunit;

namespace PickleBuildGuard.Tests;

public class PolicyFileTests
{
    [Fact]
    public void Reads_every_field()
    {
        var policy = PolicyFile.Parse("""
            { "$schema": "x", "strict": true, "allowGlobals": ["mypkg.*", "other.Model"], "blockGlobals": ["torch.load"],
              "limits": { "maxOpcodes": 1000, "timeoutSeconds": 1.5, "maxMemoEntries": 10 } }
            """);
        Assert.True(policy.Strict);
        Assert.Equal(2, policy.AllowedGlobals.Count);
        Assert.True(policy.AllowedGlobals[0].Matches("mypkg.sub", "X"));
        Assert.False(policy.AllowedGlobals[0].Matches("mypkgextra", "X"));
        Assert.True(policy.AllowedGlobals[1].Matches("other", "Model"));
        Assert.True(policy.BlockedGlobals[0].Matches("torch", "load"));
        Assert.Equal(1000, policy.Limits.MaxOpcodes);
        Assert.Equal(10, policy.Limits.MaxMemoEntries);
        Assert.Equal(TimeSpan.FromSeconds(1.5), policy.Limits.Timeout);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("{ \"stric\": true }", "unknown property 'stric'")]
    [InlineData("{ \"allowGlobals\": \"os.system\" }", "array of strings")]
    [InlineData("{ \"allowGlobals\": [\"not a pattern\"] }", "not a valid global pattern")]
    [InlineData("{ \"limits\": { \"maxStreams\": 0.5 } }", "whole number")]
    [InlineData("{ \"limits\": { \"maxOpcodes\": -1 } }", "greater than 0")]
    [InlineData("{ \"limits\": { \"bogus\": 1 } }", "unknown limit")]
    [InlineData("{ \"strict\": tru }", "invalid JSON")]
    [InlineData("{ \"strict\": true, \"strict\": false }", "duplicate")]
    public void Rejects_bad_policies_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<PolicyException>(() => PolicyFile.Parse(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        var error = Assert.Throws<PolicyException>(() => ScanPolicy.Load("/nonexistent/policy.json"));
        Assert.Contains("/nonexistent/policy.json", error.Message);
    }

    [Fact]
    public void Split_list_accepts_msbuild_separators()
    {
        Assert.Equal(new[] { "a.b", "c.*", "d.e" }, ScanPolicy.SplitList(" a.b; c.*,d.e ;"));
    }
}
