using System;
using System.IO;
using PickleBuildGuard.Fuzzing.Oracles;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>Fail-closed: a payload cut short at any byte is never reported clean, and never crashes the scanner.</summary>
public class TruncationTests
{
    public static System.Collections.Generic.IEnumerable<object[]> SmallMalicious()
    {
        foreach (var row in Fixtures.Manifest)
        {
            if (row[1] == "malicious" && new FileInfo(Fixtures.PathOf(row[0])).Length <= 4096)
            {
                yield return new object[] { row[0] };
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallMalicious))]
    public void Malicious_fixture_truncated_at_every_offset_is_never_clean(string relative)
    {
        byte[] data = File.ReadAllBytes(Fixtures.PathOf(relative));
        var scanner = new PickleScanner();
        FileScanResult whole = scanner.ScanBytes(data);
        long firstPayloadOffset = TruncationOracle.FirstPayloadOffset(whole);
        for (int length = 0; length < data.Length; length++)
        {
            var prefix = new byte[length];
            Array.Copy(data, prefix, length);
            FileScanResult result = scanner.ScanBytes(prefix);

            // Only a prefix made of complete pickles that end before the payload begins may be clean: it *is* a benign file.
            bool completeBenignPrefix = TruncationOracle.IsCompleteBenignPrefix(prefix, length, firstPayloadOffset);
            Assert.True(
                (result.Verdict != Verdict.Clean && !result.SafeToLoad) || completeBenignPrefix,
                $"{relative} cut at {length} of {data.Length} was clean (payload starts at {firstPayloadOffset})");
        }
    }

    [Fact]
    public void Benign_pickle_truncated_is_unknown_not_clean()
    {
        byte[] data = File.ReadAllBytes(Fixtures.PathOf(FirstBenign()));
        FileScanResult result = new PickleScanner().ScanBytes(data.AsSpan(0, data.Length - 1).ToArray());
        Assert.Equal(Verdict.Unknown, result.Verdict);
        Assert.Equal(ScanStatus.Inconclusive, result.Status);
        Assert.Contains(result.Findings, f => f.RuleId == "PBG0002");
    }

    private static string FirstBenign()
    {
        foreach (var row in Fixtures.Manifest)
        {
            if (row[1] == "benign")
            {
                return row[0];
            }
        }

        throw new InvalidOperationException("no benign fixture");
    }
}
