using System;
using System.Linq;
using System.Text;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>Shapes found by red-teaming the engine against an independent corpus (tools/eval/make_heldout.py).</summary>
public class EvasionRegressionTests
{
    private static FileScanResult Scan(byte[] data) => new PickleScanner().ScanBytes(data);

    [Theory]
    [InlineData("random", "_os.system", "os.system")]
    [InlineData("collections", "_sys.modules", "sys.modules")]
    [InlineData("enum", "bltns.exec", "builtins.exec")]
    public void A_module_kept_under_a_private_alias_is_an_attribute_walk(string module, string name, string reached)
    {
        // The callable is only stored (as BUILD state), never visibly called: the unpickler may still call it.
        var data = new PickleBytes().Proto(4).Global("types", "SimpleNamespace").Op(')').Op('R')
            .Op('}').Unicode("append").Unicode(module).Unicode(name).Op(0x93).Op('s').Op('b').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1006");
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1002" && f.Callable == reached);
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void A_bound_method_that_deletes_files_is_not_a_harmless_lookup()
    {
        var data = new PickleBytes().Proto(2).Global("builtins", "getattr").Global("pathlib", "PosixPath").Unicode("/tmp/pbg")
            .Op(0x85).Op('R').Unicode("unlink").Op(0x86).Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "builtins.getattr");
    }

    [Fact]
    public void A_bound_method_with_a_plain_name_stays_a_notice()
    {
        var data = new PickleBytes().Proto(2).Global("builtins", "getattr").Global("pathlib", "PosixPath").Unicode("/tmp/pbg")
            .Op(0x85).Op('R').Unicode("stem").Op(0x86).Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Equal(Verdict.Clean, result.Verdict);
        Assert.Contains(result.Notices, n => n.Code == "attribute-lookup");
    }

    [Fact]
    public void A_decoy_global_in_junk_does_not_hide_the_payload_after_it()
    {
        var benign = new PickleBytes().Proto(2).Op(']').Op('.').ToArray();
        byte[] junk = Encoding.Latin1.GetBytes("\xff\xfecpbg_decoy\nx\n\xff");
        var evil = new PickleBytes().Proto(2).Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(benign.Concat(junk).Concat(evil).ToArray());
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "posix.system");
    }

    [Fact]
    public void A_payload_nested_deeper_than_the_limit_is_never_clean()
    {
        byte[] payload = new PickleBytes().Proto(2).Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        for (int level = 0; level < 5; level++)
        {
            payload = new PickleBytes().Proto(4).Op('}').Unicode("blob").Unicode(Convert.ToBase64String(payload)).Op('s').Op('.').ToArray();
        }

        var result = Scan(payload);
        Assert.NotEqual(Verdict.Clean, result.Verdict);
        Assert.False(result.SafeToLoad);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG0004");
    }

    [Fact]
    public void Base64_of_zlib_of_a_pickle_is_decoded_layer_by_layer()
    {
        byte[] payload = new PickleBytes().Proto(2).Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        using var compressed = new System.IO.MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(payload);
        }

        string text = Convert.ToBase64String(compressed.ToArray());
        var data = new PickleBytes().Proto(4).Op('}').Unicode("blob").Unicode(text).Op('s').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1010" && f.Callable == "posix.system");
    }

    [Fact]
    public void Float_data_that_starts_like_a_pickle_is_data()
    {
        // 0x80 0x03 0x93 …: a float array whose first bytes look like PROTO 3 + STACK_GLOBAL.
        var blob = new byte[] { 0x80, 0x03, 0x93, 0x3f, 0x12, 0x9a, 0x40, 0x01, 0x55, 0xaa, 0x00, 0x10 };
        var data = new PickleBytes().Proto(4).Op('}').Unicode("weights").BinBytes(blob).Op('s').Op('.').ToArray();
        Assert.Equal(Verdict.Clean, Scan(data).Verdict);
    }

    [Fact]
    public void A_ten_megabyte_protocol_0_string_is_clean()
    {
        var builder = new StringBuilder("V");
        builder.Append('a', 10 << 20).Append("\np0\n.");
        var result = Scan(Encoding.Latin1.GetBytes(builder.ToString()));
        Assert.Equal(Verdict.Clean, result.Verdict);
        Assert.Equal(ScanStatus.Complete, result.Status);
    }

    [Fact]
    public void Legacy_torch_storage_bytes_that_look_like_opcodes_are_not_parsed()
    {
        // What torch.storage._load_from_bytes reads: magic, protocol, sys_info, object, keys — then raw storage
        // whose 8-byte element count (here 128 = 0x80, i.e. PROTO) must not be read as a pickle.
        byte[] magic = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e };
        byte[] small = { 0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e };
        byte[] keys = new PickleBytes().Proto(2).Op(']').Unicode("0").Op('a').Op('.').ToArray();
        byte[] storage = new byte[] { 0x80, 0, 0, 0, 0, 0, 0, 0 }.Concat(new byte[512]).ToArray();
        byte[] legacy = magic.Concat(small).Concat(small).Concat(small).Concat(keys).Concat(storage).ToArray();
        var data = new PickleBytes().Proto(3).Global("torch.storage", "_load_from_bytes").BinBytes(legacy).Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Equal(Verdict.Clean, result.Verdict);
        Assert.Contains(result.Notices, n => n.Code == "torch-storage");
    }

    [Fact]
    public void A_base64_payload_larger_than_the_decoding_limit_is_never_clean()
    {
        byte[] inner = new PickleBytes().Proto(2).Op(']').Op('(').Raw(Enumerable.Repeat((byte)'N', 3000).ToArray()).Op('e')
            .Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var data = new PickleBytes().Proto(4).Op('}').Unicode("blob").Op(0x8d).Raw(BitConverter.GetBytes((long)Convert.ToBase64String(inner).Length)).Ascii(Convert.ToBase64String(inner)).Op('s').Op('.').ToArray();
        var limited = new PickleScanner(new Policy.ScanPolicy { Limits = new Policy.ScanLimits { MaxDecodedPayloadBytes = 1024 } });
        var result = limited.ScanBytes(data);
        Assert.NotEqual(Verdict.Clean, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG0004");
    }

    [Fact]
    public void A_truncated_nested_pickle_keeps_its_findings()
    {
        // EXT1 + REDUCE, cut before STOP: still a pickle, and what it shows still counts.
        byte[] inner = new PickleBytes().Proto(2).Op(0x82).Byte(7).Unicode("echo pbg").Op(0x85).Op('R').ToArray();
        var data = new PickleBytes().Proto(4).Op('}').Unicode("blob").BinBytes(inner).Op('s').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1010");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Compressed_bytes_written_as_latin1_text_at_protocol_2_are_decompressed()
    {
        byte[] payload = new PickleBytes().Proto(2).Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        using var compressed = new System.IO.MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(payload);
        }

        string latin1 = Encoding.Latin1.GetString(compressed.ToArray());
        byte[] utf8 = Encoding.UTF8.GetBytes(latin1);
        var data = new PickleBytes().Proto(2).Op('}').Unicode("blob").Global("_codecs", "encode")
            .Op('X').Raw(BitConverter.GetBytes(utf8.Length)).Raw(utf8).Unicode("latin1").Op(0x86).Op('R').Op('s').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1010" && f.Callable == "posix.system");
    }

    [Theory]
    [InlineData("random", "_os")]
    [InlineData("pandas._config.localization", "subprocess")]
    [InlineData("enum", "bltns")]
    public void A_global_that_names_a_dangerous_module_object_is_a_walk(string module, string name)
    {
        var data = new PickleBytes().Proto(2).Op('}').Unicode("m").Global(module, name).Op('s').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1006");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void A_forwarder_given_a_computed_callable_is_dynamic()
    {
        // torch._tensor._rebuild_from_type_v2(getattr(SimpleNamespace(), 'v'), torch.Tensor, ('echo pbg',), None):
        // the helper calls its first argument, which real pickles always write as a literal function.
        var data = new PickleBytes().Proto(2).Global("torch._tensor", "_rebuild_from_type_v2").Op('(')
            .Global("builtins", "getattr").Global("types", "SimpleNamespace").Op(')').Op('R').Unicode("v").Op(0x86).Op('R')
            .Global("torch", "Tensor").Unicode("echo pbg").Op(0x85).Op('N').Op('t').Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1005");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void A_lookup_on_an_attribute_bag_is_not_a_bound_method()
    {
        var data = new PickleBytes().Proto(2).Global("builtins", "getattr").Global("types", "SimpleNamespace").Op(')').Op('R')
            .Unicode("v").Op(0x86).Op('R').Op('.').ToArray();
        Assert.Contains(Scan(data).Findings, f => f.RuleId == "PBG1001" && f.Callable == "builtins.getattr");
    }

    [Theory]
    [InlineData("six.moves", "getoutput")]
    [InlineData("numpy", "matrix.tofile")]
    [InlineData("PIL.Image", "Image.save")]
    public void A_member_that_writes_or_executes_is_dangerous_wherever_it_lives(string module, string name)
    {
        var data = new PickleBytes().Proto(4).Unicode(module).Unicode(name).Op(0x93).Unicode("x").Op(0x85).Op('R').Op('.').ToArray();
        Assert.Equal(Verdict.Critical, Scan(data).Verdict);
    }

    [Fact]
    public void Functools_partial_is_judged_by_what_it_wraps()
    {
        byte[] Partial(string module, string name) => new PickleBytes().Proto(2).Global("functools", "partial")
            .Global(module, name).Unicode("x").Op(0x86).Op('R').Op('.').ToArray();
        Assert.Equal(Verdict.Critical, Scan(Partial("posix", "system")).Verdict);
        Assert.Equal(Verdict.Clean, Scan(Partial("builtins", "int")).Verdict);
    }

    [Fact]
    public void An_enum_member_of_an_allowed_class_in_a_denied_module_is_clean()
    {
        // Python 3.11 protocol 3: getattr(ssl.TLSVersion, 'TLSv1_2').
        var data = new PickleBytes().Proto(3).Global("builtins", "getattr").Global("ssl", "TLSVersion").Unicode("TLSv1_2")
            .Op(0x86).Op('R').Op('.').ToArray();
        Assert.Equal(Verdict.Clean, Scan(data).Verdict);
    }

    [Fact]
    public void A_typing_subscription_is_clean_and_other_getitem_calls_are_not()
    {
        var typing = new PickleBytes().Proto(2).Global("_operator", "getitem").Global("typing", "List").Global("builtins", "int")
            .Op(0x86).Op('R').Op('.').ToArray();
        Assert.Equal(Verdict.Clean, Scan(typing).Verdict);
        var other = new PickleBytes().Proto(2).Global("_operator", "getitem").Global("os", "environ").Unicode("HOME")
            .Op(0x86).Op('R').Op('.').ToArray();
        Assert.True(Scan(other).Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void A_defaultdict_factory_is_judged_as_called()
    {
        byte[] Dict(string module, string name) => new PickleBytes().Proto(2).Global("collections", "defaultdict")
            .Global(module, name).Op(0x85).Op('R').Op('.').ToArray();
        Assert.Equal(Verdict.Clean, Scan(Dict("builtins", "list")).Verdict);
        Assert.True(Scan(Dict("platform", "processor")).Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Build_state_that_plants_an_implicitly_called_attribute_is_tampering()
    {
        // SimpleNamespace with __array__ = platform.processor, then numpy.array(ns) calls it.
        var data = new PickleBytes().Proto(4).Global("types", "SimpleNamespace").Op(')').Op('R')
            .Op('}').Unicode("__array__").Unicode("platform").Unicode("processor").Op(0x93).Op('s').Op('b').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1011" && f.Callable == "platform.processor");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }
}
