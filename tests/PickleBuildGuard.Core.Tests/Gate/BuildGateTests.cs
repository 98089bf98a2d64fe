using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using PickleBuildGuard.Gate;
using Xunit;

namespace PickleBuildGuard.Tests.Gate;

public sealed class BuildGateTests
{
    [Fact]
    public void A_critical_file_gives_an_error_with_code_full_path_and_help_link()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Poisoned, "model.bin");
        var outcome = workspace.Run(null, item);

        Assert.True(outcome.HasErrors);
        var error = Assert.Single(outcome.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("PBG1001", error.Code);
        Assert.Equal(item.FullPath, error.File);
        Assert.Equal("https://github.com/picklebuildguard/picklebuildguard/blob/main/docs/rules/PBG1001.md", error.HelpLink);
        Assert.Contains("posix.system", error.Message);
        Assert.Contains("at offset", error.Message);
        Assert.Equal(new[] { item.FullPath }, outcome.ModelFiles);
        Assert.Equal(1, outcome.Scanned);
    }

    [Fact]
    public void A_benign_file_gives_no_warning_or_error_and_a_summary()
    {
        using var workspace = new GateWorkspace();
        var outcome = workspace.Run(null, workspace.Add(GateWorkspace.Benign, "forest.pkl"));
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Level != DiagnosticLevel.Message);
        Assert.Equal("PickleBuildGuard: 1 model file(s): 1 clean (1 scanned, 0 from cache, 0 skipped)", outcome.Summary);
    }

    [Fact]
    public void Unchanged_files_come_from_the_cache_with_the_same_diagnostics()
    {
        using var workspace = new GateWorkspace();
        var poisoned = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        var benign = workspace.Add(GateWorkspace.Benign, "forest.pkl");
        var first = workspace.Run(null, poisoned, benign);
        var second = workspace.Run(null, poisoned, benign);

        Assert.Equal((2, 0), (first.Scanned, first.FromCache));
        Assert.Equal((0, 2), (second.Scanned, second.FromCache));
        Assert.True(first.ResultsChanged);
        Assert.False(second.ResultsChanged);
        // Another name for the same file (a Link) makes a report written from the cache stale.
        Assert.True(workspace.Run(null, new BuildItem("renamed.pkl", poisoned.FullPath), benign).ResultsChanged);
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(first.Results.Select(r => (r.Verdict, r.Sha256, r.Findings.Count)), second.Results.Select(r => (r.Verdict, r.Sha256, r.Findings.Count)));
    }

    [Fact]
    public void A_changed_timestamp_size_or_policy_means_a_rescan()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.ThirdParty, "forecast.pkl");
        workspace.Run(null, item);

        File.SetLastWriteTimeUtc(item.FullPath, File.GetLastWriteTimeUtc(item.FullPath).AddSeconds(-5));
        Assert.Equal(1, workspace.Run(null, item).Scanned);
        Assert.Equal(0, workspace.Run(null, item).Scanned);

        var allowed = workspace.Run(new GateProperties { AllowedGlobals = "acme_forecasting.models.*" }, item);
        Assert.Equal(1, allowed.Scanned);
        Assert.DoesNotContain(allowed.Diagnostics, d => d.Level == DiagnosticLevel.Warning);

        File.AppendAllText(item.FullPath, "x");
        Assert.Equal(1, workspace.Run(null, item).Scanned);
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("mac")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    public void A_tampered_or_corrupt_cache_means_a_rescan_never_a_pass(string damage)
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        workspace.Run(null, item);
        string text = File.ReadAllText(workspace.CacheFile);
        File.WriteAllText(workspace.CacheFile, damage switch
        {
            "payload" => text.Replace("critical", "clean").Replace("PBG1001", "PBG0000"),
            // Each entry line starts with its MAC.
            "mac" => System.Text.RegularExpressions.Regex.Replace(text, "\n[0-9a-f]", "\nx"),
            "truncate" => text.Substring(0, text.Length / 2),
            _ => "\u0000\u0001 not json",
        });

        Assert.NotEqual(text, File.ReadAllText(workspace.CacheFile));
        var outcome = workspace.Run(null, item);
        Assert.Equal(1, outcome.Scanned);
        Assert.Contains(outcome.Diagnostics, d => d.Level == DiagnosticLevel.Error && d.Code == "PBG1001");
        // The rescan repaired the cache.
        Assert.Equal(0, workspace.Run(null, item).Scanned);
    }

    [Fact]
    public void Cache_entries_are_independent_and_keep_file_names_with_tabs_and_newlines()
    {
        if (Path.GetInvalidFileNameChars().Contains('\t'))
        {
            return; // Windows: such names cannot exist.
        }

        using var workspace = new GateWorkspace();
        var odd = workspace.Add(GateWorkspace.Poisoned, "tab\tand\nnewline.pkl");
        var forecast = workspace.Add(GateWorkspace.ThirdParty, "forecast.pkl");
        workspace.Run(null, odd, forecast);
        var cached = workspace.Run(null, odd, forecast);
        Assert.Equal((0, 2), (cached.Scanned, cached.FromCache));
        Assert.Contains(cached.Diagnostics, d => d.File == odd.FullPath && d.Code == "PBG1001");

        // Damage only the second file's entry (same length, still valid JSON): that file alone is scanned again.
        string text = File.ReadAllText(workspace.CacheFile);
        Assert.Contains("acme_forecasting", text);
        File.WriteAllText(workspace.CacheFile, text.Replace("acme_forecasting", "acme_forecastinx"));
        var damaged = workspace.Run(null, odd, forecast);
        Assert.Equal((1, 1), (damaged.Scanned, damaged.FromCache));
        Assert.Contains(damaged.Diagnostics, d => d.File == odd.FullPath && d.Code == "PBG1001");
        Assert.Contains(damaged.Diagnostics, d => d.File == forecast.FullPath && d.Message.Contains("acme_forecasting"));
    }

    [Fact]
    public void A_cache_written_under_another_key_is_not_trusted()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        workspace.Run(null, item);
        var otherKey = BuildGate.Run(new[] { item }, new GateProperties(), cacheFile: workspace.CacheFile, cacheKey: RandomNumberGenerator.GetBytes(32));
        Assert.Equal(1, otherKey.Scanned);
    }

    [Fact]
    public void FailOn_WarnOn_and_OnIncomplete_set_the_levels()
    {
        using var workspace = new GateWorkspace();
        var suspicious = workspace.Add(GateWorkspace.ThirdParty, "forecast.pkl");
        var truncated = workspace.Add(GateWorkspace.Truncated, "half.pkl");

        var byDefault = workspace.Run(null, suspicious, truncated);
        Assert.Equal(DiagnosticLevel.Warning, byDefault.Diagnostics.Single(d => d.File == suspicious.FullPath).Level);
        Assert.All(byDefault.Diagnostics.Where(d => d.File == truncated.FullPath), d => Assert.Equal((DiagnosticLevel.Error, "PBG0002"), (d.Level, d.Code)));

        var lenient = workspace.Run(new GateProperties { WarnOn = "Never", OnIncomplete = "warning" }, suspicious, truncated);
        Assert.Equal(DiagnosticLevel.Message, lenient.Diagnostics.Single(d => d.File == suspicious.FullPath).Level);
        Assert.All(lenient.Diagnostics.Where(d => d.File == truncated.FullPath), d => Assert.Equal(DiagnosticLevel.Warning, d.Level));

        var strict = workspace.Run(new GateProperties { FailOn = "Suspicious" }, suspicious);
        Assert.Equal(DiagnosticLevel.Error, Assert.Single(strict.Diagnostics, d => d.Code == "PBG1004").Level);
    }

    [Theory]
    [InlineData("FailOn", "Sometimes")]
    [InlineData("FailOn", "Clean")]
    [InlineData("WarnOn", "Unknown")]
    [InlineData("OnIncomplete", "Ignore")]
    [InlineData("SniffContent", "yes")]
    [InlineData("AllowedGlobals", "not a global")]
    public void An_invalid_property_is_a_PBG0007_error_and_nothing_is_scanned(string property, string value)
    {
        using var workspace = new GateWorkspace();
        var properties = property switch
        {
            "FailOn" => new GateProperties { FailOn = value },
            "WarnOn" => new GateProperties { WarnOn = value },
            "OnIncomplete" => new GateProperties { OnIncomplete = value },
            "SniffContent" => new GateProperties { SniffContent = value },
            _ => new GateProperties { AllowedGlobals = value },
        };
        var outcome = workspace.Run(properties, workspace.Add(GateWorkspace.Benign, "forest.pkl"));
        var error = Assert.Single(outcome.Diagnostics);
        Assert.Equal((DiagnosticLevel.Error, "PBG0007"), (error.Level, error.Code));
        Assert.Equal(0, outcome.Scanned);
    }

    [Fact]
    public void A_pin_turns_findings_into_messages_only_for_the_exact_content()
    {
        using var workspace = new GateWorkspace();
        string path = Path.Combine(workspace.Directory, "vetted.pkl");
        File.Copy(Path.Combine(Fixtures.Root, GateWorkspace.Poisoned), path);
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        var item = new BuildItem("vetted.pkl", path, hash);

        var pinned = workspace.Run(null, item);
        Assert.False(pinned.HasErrors);
        Assert.All(pinned.Diagnostics.Where(d => d.File == path), d => Assert.Equal(DiagnosticLevel.Message, d.Level));
        Assert.Contains(pinned.Diagnostics, d => d.Message.Contains("PBG1001 accepted because the content matches PickleBuildGuardTrustedSha256 " + hash.ToLowerInvariant()));

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 3] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var changed = workspace.Run(null, item);
        Assert.True(changed.HasErrors);
        Assert.Contains(changed.Diagnostics, d => d.Level == DiagnosticLevel.Warning && d.Code == "PBG0009");
    }

    [Fact]
    public void A_malformed_pin_is_an_error_on_that_file()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Benign, "forest.pkl", pin: "12345");
        var error = Assert.Single(workspace.Run(null, item).Diagnostics);
        Assert.Equal((DiagnosticLevel.Error, "PBG0007", item.FullPath), (error.Level, error.Code, error.File));
    }

    [Fact]
    public void Skip_is_logged_and_the_file_is_not_scanned()
    {
        using var workspace = new GateWorkspace();
        var outcome = workspace.Run(null, workspace.Add(GateWorkspace.Poisoned, "model.pkl", skip: "True"));
        Assert.False(outcome.HasErrors);
        Assert.Equal((0, 1), (outcome.Scanned, outcome.Skipped));
        Assert.Contains(outcome.Diagnostics, d => d.Message == "model.pkl: not scanned (PickleBuildGuardSkip is true)");
    }

    [Fact]
    public void Content_sniffing_finds_pickles_but_not_compressed_data_files()
    {
        using var workspace = new GateWorkspace();
        var hidden = workspace.Add(GateWorkspace.Poisoned, "readme.txt");
        var compressedPickle = workspace.Write("cache.dat", Gzip(File.ReadAllBytes(hidden.FullPath)));
        var compressedCsv = workspace.Write("data.csv.gz", Gzip(System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Enumerable.Range(1, 500)))));
        var text = workspace.Write("notes.md", System.Text.Encoding.ASCII.GetBytes("# Notes\nnothing to see\n"));

        var outcome = workspace.Run(null, hidden, compressedPickle, compressedCsv, text);
        Assert.Equal(new[] { hidden.FullPath, compressedPickle.FullPath }, outcome.ModelFiles);
        Assert.Equal(2, outcome.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error && d.Code == "PBG1001"));

        var noSniff = workspace.Run(new GateProperties { SniffContent = "false" }, hidden, compressedPickle, compressedCsv, text);
        Assert.Empty(noSniff.ModelFiles);
    }

    [Fact]
    public void Native_and_managed_binaries_debug_symbols_and_ggml_models_are_not_sniffed_as_pickles()
    {
        using var workspace = new GateWorkspace();
        string assembly = typeof(PickleScanner).Assembly.Location;
        var dll = workspace.Write("native.dll", File.ReadAllBytes(assembly));
        var pdb = workspace.Write("native.pdb", File.ReadAllBytes(Path.ChangeExtension(assembly, ".pdb")));
        var ggml = workspace.Write("ggml-base.data", System.Text.Encoding.ASCII.GetBytes("lmgg").Concat(new byte[] { 1, 0, 0, 0, 0x80, 0x0B, 0, 0 }).Concat(new byte[4000]).ToArray());
        var hidden = workspace.Add(GateWorkspace.Poisoned, "notes.txt");

        var outcome = workspace.Run(null, dll, pdb, ggml, hidden);
        Assert.Equal(new[] { hidden.FullPath }, outcome.ModelFiles);
    }

    [Fact]
    public void Extensions_are_matched_case_insensitively_and_can_be_replaced()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Poisoned, "MODEL.PKL");
        Assert.True(workspace.Run(new GateProperties { SniffContent = "false" }, item).HasErrors);
        Assert.False(workspace.Run(new GateProperties { SniffContent = "false", Extensions = "pt;.pth" }, item).HasErrors);
    }

    [Fact]
    public void The_same_file_listed_twice_is_judged_once()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        var outcome = workspace.Run(null, item, new BuildItem("./model.pkl", item.FullPath));
        Assert.Single(outcome.Results);
        Assert.Single(outcome.Diagnostics, d => d.Code == "PBG1001");
    }

    [Fact]
    public void A_missing_model_file_is_reported_not_passed()
    {
        using var workspace = new GateWorkspace();
        var outcome = workspace.Run(null, new BuildItem("gone.pt", Path.Combine(workspace.Directory, "gone.pt")));
        var error = Assert.Single(outcome.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("PBG0001", error.Code);
    }

    [Theory]
    [InlineData("directory", "PBG0001")]
    [InlineData("empty", "PBG0006")]
    [InlineData("symlink-loop", "PBG0001")]
    public void A_model_item_that_is_not_a_readable_file_is_a_clear_error_never_a_pass(string kind, string code)
    {
        using var workspace = new GateWorkspace();
        string path = Path.Combine(workspace.Directory, "model.pt");
        switch (kind)
        {
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                File.WriteAllBytes(path, Array.Empty<byte>());
                break;
            default:
                if (OperatingSystem.IsWindows())
                {
                    return;
                }

                File.CreateSymbolicLink(path, Path.Combine(workspace.Directory, "other.pt"));
                File.CreateSymbolicLink(Path.Combine(workspace.Directory, "other.pt"), path);
                break;
        }

        var outcome = workspace.Run(null, new BuildItem("model.pt", path));
        var error = Assert.Single(outcome.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal((code, path), (error.Code, error.File));
        // A read failure is not cached (it may be transient); an empty file's verdict is, and is reported again.
        var again = workspace.Run(null, new BuildItem("model.pt", path));
        Assert.Equal(kind == "empty" ? 0 : 1, again.Scanned);
        Assert.Equal(code, Assert.Single(again.Diagnostics, d => d.Level == DiagnosticLevel.Error).Code);
    }

    [Fact]
    public void Shared_results_let_a_second_project_reuse_a_scan()
    {
        using var workspace = new GateWorkspace();
        var item = workspace.Add(GateWorkspace.Poisoned, "model.pkl");
        var shared = new DictionaryResults();
        var first = BuildGate.Run(new[] { item }, new GateProperties(), shared: shared);
        var second = BuildGate.Run(new[] { new BuildItem("../other/model.pkl", item.FullPath) }, new GateProperties(), shared: shared);
        Assert.Equal((1, 0), (first.Scanned, first.FromCache));
        Assert.Equal((0, 1), (second.Scanned, second.FromCache));
        Assert.Equal("../other/model.pkl", second.Results.Single().Path);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data, 0, data.Length);
        }

        return output.ToArray();
    }

    private sealed class DictionaryResults : ISharedScanResults
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileScanResult> results = new();

        public bool TryGet(string key, out FileScanResult result) => results.TryGetValue(key, out result!);

        public void Add(string key, FileScanResult result) => results[key] = result;
    }
}
