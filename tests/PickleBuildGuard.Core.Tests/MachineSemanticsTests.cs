using System.Linq;
using System.Text;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>Exact opcode shapes the symbolic machine must see through, assembled byte by byte.</summary>
public class MachineSemanticsTests
{
    private static FileScanResult Scan(byte[] data, PickleScanner? scanner = null) => (scanner ?? new PickleScanner()).ScanBytes(data);

    private static FileScanResult Scan(string protocol0) => Scan(Encoding.Latin1.GetBytes(protocol0));

    [Fact]
    public void Callable_stored_in_the_memo_and_called_later_is_critical()
    {
        // GLOBAL posix.system, BINPUT 0, POP, ... BINGET 0, args, REDUCE
        var data = new PickleBytes().Proto(2).Global("posix", "system").Op('q').Byte(0).Op('0')
            .Op(']').Op('h').Byte(0).Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Equal(Verdict.Critical, result.Verdict);
        var finding = Assert.Single(result.Findings, f => f.RuleId == "PBG1001");
        Assert.Equal("posix.system", finding.Callable);
    }

    [Fact]
    public void Getattr_of_import_is_followed_to_the_real_callable()
    {
        // getattr(__import__('os'), 'system')('echo pbg')
        string p0 = "cbuiltins\ngetattr\n(cbuiltins\n__import__\n(Vos\ntRVsystem\ntR(Vecho pbg\ntR.";
        var result = Scan(p0);
        Assert.Equal(Verdict.Critical, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1005" && f.Callable == "os.system");
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "os.system");
        Assert.Contains("os.system", result.Globals);
    }

    [Fact]
    public void Build_onto_a_function_is_state_on_a_global()
    {
        string p0 = "cnumpy\nprod\nN(Vos\nVsystem\nd\u0086b0.";
        var result = Scan(p0);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1014" && f.Callable == "numpy.prod");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Obj_followed_by_pop_is_still_a_call()
    {
        var data = new PickleBytes().Proto(4).Op('(').Unicode("smtplib").Unicode("SMTP").Op(0x93).Unicode("127.0.0.1").Op('o').Op('0').Op('N').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "smtplib.SMTP");
    }

    [Fact]
    public void Stack_global_from_memo_resolves_the_stored_strings_not_decoys()
    {
        // picklescan #22: PUT 2/3 hold the real pair; MEMOIZE order would give the decoys.
        string p0 = "Vos\np2\n0Vsystem\np3\n0Vtorch\np0\n0VLongStorage\np1\n0g2\ng3\n\x93(Vecho pbg\ntR.";
        var result = Scan(p0);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "os.system");
    }

    [Fact]
    public void Computed_stack_global_operands_are_dynamic_and_named()
    {
        // codecs.decode('cbfvk', 'rot13') -> 'posix'
        string p0 = "ccodecs\ndecode\n(Vcbfvk\nVrot13\ntRVsystem\n\x93(Vecho pbg\ntR.";
        var result = Scan(p0);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1005" && f.Callable == "posix.system");
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "posix.system");
    }

    [Fact]
    public void Dotted_name_through_another_module_is_an_attribute_walk()
    {
        var data = new PickleBytes().Proto(4).Unicode("pathlib").Unicode("os.system").Op(0x93).Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1006");
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "os.system");
    }

    [Fact]
    public void Homoglyph_module_name_is_flagged()
    {
        var data = new PickleBytes().Proto(4).Unicode("\u043es").Unicode("system").Op(0x93).Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1007");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Ext_opcode_is_an_extension_registry_finding()
    {
        var data = new PickleBytes().Proto(2).Op(0x82).Byte(7).Op(')').Op('R').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1008");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Payload_in_the_third_concatenated_pickle_is_found()
    {
        var benign = new PickleBytes().Proto(2).Op(']').Op('.').ToArray();
        var evil = Encoding.Latin1.GetBytes("cposix\nsystem\n(Vecho pbg\ntR.");
        var result = Scan(benign.Concat(benign).Concat(evil).ToArray());
        Assert.Equal(Verdict.Critical, result.Verdict);
        Assert.Equal(ScanStatus.Complete, result.Status);
    }

    [Fact]
    public void Payload_behind_junk_bytes_is_found_and_not_clean()
    {
        var benign = new PickleBytes().Proto(2).Op(']').Op('.').ToArray();
        var evil = new PickleBytes().Proto(2).Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(benign.Concat(new byte[] { 0xff, 0xfe }).Concat(evil).ToArray());
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "posix.system");
    }

    [Fact]
    public void Payload_without_stop_is_reported_and_incomplete()
    {
        string p0 = "cposix\nsystem\n(Vecho pbg\ntR";
        var result = Scan(p0);
        Assert.Equal(Verdict.Critical, result.Verdict);
        Assert.Equal(ScanStatus.Inconclusive, result.Status);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG0002");
    }

    [Fact]
    public void Base64_nested_pickle_is_scanned()
    {
        byte[] inner = Encoding.Latin1.GetBytes("cposix\nsystem\n(Vecho pbg\ntR.");
        string nested = System.Convert.ToBase64String(new byte[] { 0x80, 0x02 }.Concat(inner).ToArray());
        var data = new PickleBytes().Proto(4).Op('}').Unicode("blob").Unicode(nested).Op('s').Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1010" && f.Callable == "posix.system");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Clean_nested_pickle_is_only_a_notice()
    {
        var inner = new PickleBytes().Proto(2).Op(']').Op('.').ToArray();
        var data = new PickleBytes().Proto(4).Op('}').Unicode("blob").BinBytes(inner.Concat(new byte[] { 0x4e, 0x2e }).ToArray()).Op('s').Op('.').ToArray();
        var result = Scan(data);
        Assert.Equal(Verdict.Clean, result.Verdict);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Frame_divergence_hides_nothing()
    {
        // FRAME of 2 bytes; BINBYTES declares 0x1d bytes that swallow a GLOBAL/REDUCE a frame-honouring loader runs.
        byte[] hidden = Encoding.Latin1.GetBytes("cposix\nsystem\n(Vecho pbg\ntR.");
        var data = new PickleBytes().Proto(4).Op(0x95).Raw(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0 })
            .Op('B').Raw(new byte[] { (byte)hidden.Length, 0, 0, 0 }).Raw(hidden).Op('.').ToArray();
        var result = Scan(data);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1011");
        Assert.True(result.Verdict >= Verdict.Dangerous);
    }

    [Fact]
    public void Repeated_calls_fold_into_one_finding_with_occurrences()
    {
        var builder = new PickleBytes().Proto(2).Op(']').Op('(');
        for (int i = 0; i < 200; i++)
        {
            builder.Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R');
        }

        var result = Scan(builder.Op('e').Op('.').ToArray());
        var finding = Assert.Single(result.Findings, f => f.RuleId == "PBG1001");
        Assert.Equal(200, finding.Occurrences);
    }

    [Fact]
    public void Unknown_third_party_class_is_suspicious_and_dangerous_under_strict()
    {
        var data = new PickleBytes().Proto(2).Global("mycompany.models", "Scorer").Op(')').Op(0x81).Op('.').ToArray();
        Assert.Equal(Verdict.Suspicious, Scan(data).Verdict);
        var strict = new PickleScanner(Policy.ScanPolicy.Default.With(strict: true));
        Assert.Equal(Verdict.Dangerous, Scan(data, strict).Verdict);
    }

    [Fact]
    public void Policy_allow_and_block_change_the_verdict()
    {
        var data = new PickleBytes().Proto(2).Global("mycompany.models", "Scorer").Op(')').Op(0x81).Op('.').ToArray();
        var allowed = new PickleScanner(Policy.ScanPolicy.Default.With(allow: new[] { "mycompany.*" }));
        Assert.Equal(Verdict.Clean, Scan(data, allowed).Verdict);
        var blocked = new PickleScanner(Policy.ScanPolicy.Default.With(allow: new[] { "mycompany.*" }, block: new[] { "mycompany.models.Scorer" }));
        Assert.Equal(Verdict.Critical, Scan(data, blocked).Verdict);
    }

    [Fact]
    public void Unlisted_standard_library_callable_is_dangerous_when_invoked()
    {
        var data = new PickleBytes().Proto(2).Global("multiprocessing.util", "spawnv_passfds").Op(')').Op('R').Op('.').ToArray();
        Assert.True(Scan(data).Verdict >= Verdict.Dangerous);
        var unlisted = new PickleBytes().Proto(2).Global("zoneinfo", "reset_tzpath").Op(')').Op('R').Op('.').ToArray();
        var result = Scan(unlisted);
        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1003");
    }

    [Fact]
    public void Opcode_budget_makes_the_result_inconclusive_never_clean()
    {
        var data = new PickleBytes().Proto(2).Op(']').Op('(');
        for (int i = 0; i < 100; i++)
        {
            data.Op('K').Byte(i);
        }

        var limited = new PickleScanner(new Policy.ScanPolicy { Limits = new Policy.ScanLimits { MaxOpcodes = 50 } });
        var result = Scan(data.Op('e').Op('.').ToArray(), limited);
        Assert.Equal(Verdict.Unknown, result.Verdict);
        Assert.Equal(ScanStatus.Inconclusive, result.Status);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG0004");
    }

    [Fact]
    public void A_policy_wildcard_does_not_accept_an_attribute_walk_out_of_its_package()
    {
        var data = new PickleBytes().Proto(4).Unicode("pathlib").Unicode("os.system").Op(0x93).Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var wildcard = new PickleScanner(Policy.ScanPolicy.Default.With(allow: new[] { "pathlib.*" }));
        var result = Scan(data, wildcard);
        Assert.Equal(Verdict.Critical, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1006");

        var exact = new PickleScanner(Policy.ScanPolicy.Default.With(allow: new[] { "pathlib.os.system" }));
        Assert.Equal(Verdict.Clean, Scan(data, exact).Verdict);
    }

    [Fact]
    public void A_second_pickle_without_proto_is_scanned()
    {
        var benign = new PickleBytes().Proto(2).Op(']').Op('.').ToArray();
        var evil = new PickleBytes().Unicode("posix").Unicode("system").Op(0x93).Unicode("echo pbg").Op(0x85).Op('R').Op('.').ToArray();
        var result = Scan(benign.Concat(evil).ToArray());
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1001" && f.Callable == "posix.system");
    }

    [Fact]
    public void A_global_past_the_opcode_budget_is_still_reported()
    {
        var data = new PickleBytes().Proto(2).Op(']').Op('(');
        for (int i = 0; i < 100; i++)
        {
            data.Op('K').Byte(i);
        }

        data.Op('e').Global("posix", "system").Unicode("echo pbg").Op(0x85).Op('R').Op('.');
        var limited = new PickleScanner(new Policy.ScanPolicy { Limits = new Policy.ScanLimits { MaxOpcodes = 20 } });
        var result = Scan(data.ToArray(), limited);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG0004");
        Assert.Contains(result.Findings, f => f.RuleId == "PBG1002" && f.Callable == "posix.system");
        Assert.Equal(Verdict.Dangerous, result.Verdict);
    }
}
