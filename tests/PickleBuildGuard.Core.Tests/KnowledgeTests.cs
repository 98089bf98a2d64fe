using System;
using System.Linq;
using PickleBuildGuard.Knowledge;
using Xunit;

namespace PickleBuildGuard.Tests;

public class KnowledgeTests
{
    private static readonly CallableKnowledge Knowledge = CallableKnowledge.BuiltIn;

    [Fact]
    public void Denylist_is_large_and_allowlist_has_no_wildcards()
    {
        Assert.True(Knowledge.DeniedCount >= 250, $"only {Knowledge.DeniedCount} denylist entries");
        Assert.True(Knowledge.AllowedCount >= 200, $"only {Knowledge.AllowedCount} allowlist entries");
        Assert.DoesNotContain(Knowledge.AllowedEntries, e => e.Contains('*'));
    }

    [Fact]
    public void No_allowed_entry_is_also_denied()
    {
        foreach (string entry in Knowledge.AllowedEntries)
        {
            int dot = entry.LastIndexOf('.');
            var match = Knowledge.Classify(entry.Substring(0, dot), entry.Substring(dot + 1));
            Assert.True(match.Disposition == KnowledgeDisposition.Allowed, $"{entry} is {match.Disposition} by {match.Entry}");
        }
    }

    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("nt", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("builtins", "exec")]
    [InlineData("builtins", "getattr")]
    [InlineData("builtins", "__import__")]
    [InlineData("subprocess", "Popen")]
    [InlineData("asyncio.unix_events", "_UnixSubprocessTransport._start")]
    [InlineData("pickle", "loads")]
    [InlineData("marshal", "loads")]
    [InlineData("torch", "load")]
    [InlineData("numpy", "load")]
    [InlineData("pandas", "read_pickle")]
    [InlineData("ctypes", "CDLL")]
    [InlineData("pkgutil", "resolve_name")]
    [InlineData("importlib", "import_module")]
    [InlineData("runpy", "_run_code")]
    [InlineData("torch.utils.collect_env", "run")]
    public void Known_dangerous_callables_are_denied(string module, string name)
    {
        Assert.Equal(KnowledgeDisposition.Denied, Knowledge.Classify(module, name).Disposition);
    }

    [Theory]
    [InlineData("torch._utils", "_rebuild_tensor_v2")]
    [InlineData("collections", "OrderedDict")]
    [InlineData("numpy.core.multiarray", "_reconstruct")]
    [InlineData("numpy", "dtype")]
    [InlineData("copyreg", "_reconstructor")]
    public void Ml_rebuild_functions_are_allowed(string module, string name)
    {
        Assert.Equal(KnowledgeDisposition.Allowed, Knowledge.Classify(module, name).Disposition);
    }

    [Fact]
    public void Python2_names_map_to_python3()
    {
        Assert.Equal(("builtins", "range"), Knowledge.MapCompat("__builtin__", "xrange"));
        Assert.Equal(("builtins", "eval"), Knowledge.MapCompat("__builtin__", "eval"));
        Assert.Equal(("copyreg", "_reconstructor"), Knowledge.MapCompat("copy_reg", "_reconstructor"));
    }

    [Fact]
    public void Parser_rejects_wildcards_in_the_allowlist()
    {
        var error = Assert.Throws<FormatException>(() => CallableKnowledge.Parse("[allow x]\ntorch.*\n"));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Unknown_modules_are_third_party_and_stdlib_modules_are_default_deny()
    {
        Assert.Equal(KnowledgeDisposition.UnknownThirdParty, Knowledge.Classify("mycompany.models", "X").Disposition);
        Assert.Equal(KnowledgeDisposition.UnlistedKnownNamespace, Knowledge.Classify("zoneinfo", "reset_tzpath").Disposition);
        Assert.True(Knowledge.DeniedEntries.Any());
    }
}
