using System.IO;
using System.Text;
using Xunit;

namespace PickleBuildGuard.Tests;

public class PickleGuardTests
{
    private static readonly byte[] Evil = Encoding.Latin1.GetBytes("cposix\nsystem\n(Vecho pbg\ntR.");
    private static readonly byte[] Benign = { 0x80, 0x02, 0x5d, 0x71, 0x00, 0x28, 0x4b, 0x01, 0x4b, 0x02, 0x4b, 0x03, 0x65, 0x2e };

    [Fact]
    public void EnsureSafe_throws_with_the_result_for_a_payload()
    {
        var error = Assert.Throws<PickleSecurityException>(() => PickleGuard.EnsureSafe(Evil));
        Assert.Equal(Verdict.Critical, error.Result.Verdict);
        Assert.Contains("PBG1001", error.Message);
    }

    [Fact]
    public void EnsureSafe_passes_a_clean_pickle_and_rewinds_the_stream()
    {
        using var stream = new MemoryStream(Benign);
        var result = PickleGuard.EnsureSafe(stream);
        Assert.True(result.SafeToLoad);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void IsSafe_is_false_for_unknown_and_for_missing_files()
    {
        Assert.False(PickleGuard.IsSafe(new byte[] { 0x80, 0x02, 0x5d }));
        Assert.False(PickleGuard.IsSafe(Path.Combine(Path.GetTempPath(), "pbg-does-not-exist", "model.pkl")));
        Assert.True(PickleGuard.IsSafe(Benign));
    }

    [Fact]
    public void Missing_file_and_directory_are_unreadable_not_exceptions()
    {
        var scanner = new PickleScanner();
        var missing = scanner.ScanFile("/nonexistent/model.pt");
        Assert.Equal(ScanStatus.Error, missing.Status);
        Assert.Equal(Verdict.Unknown, missing.Verdict);
        Assert.Equal("PBG0001", Assert.Single(missing.Findings).RuleId);

        var directory = scanner.ScanFile(Path.GetTempPath());
        Assert.Equal("PBG0001", Assert.Single(directory.Findings).RuleId);
    }

    [Fact]
    public void Non_seekable_stream_is_scanned()
    {
        using var stream = new NonSeekableStream(Evil);
        Assert.Equal(Verdict.Critical, new PickleScanner().ScanStream(stream).Verdict);
    }

    [Fact]
    public void Text_and_empty_inputs_are_not_recognised_and_never_clean()
    {
        var scanner = new PickleScanner();
        var text = scanner.ScanBytes(Encoding.ASCII.GetBytes("Version notes: nothing to see here.\nSecond line.\n"));
        Assert.Equal("unknown", text.Format);
        Assert.Equal(Verdict.Unknown, text.Verdict);
        Assert.Contains(text.Findings, f => f.RuleId == "PBG0006");
        Assert.Equal(Verdict.Unknown, scanner.ScanBytes(new byte[0]).Verdict);
    }

    [Fact]
    public void A_git_lfs_pointer_is_named_as_such_and_not_clean()
    {
        byte[] pointer = Encoding.ASCII.GetBytes("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
        var result = new PickleScanner().ScanBytes(pointer);
        Assert.Equal("git-lfs-pointer", result.Format);
        Assert.Equal(Verdict.Unknown, result.Verdict);
        Assert.Contains("Git LFS pointer", Assert.Single(result.Findings).Message);
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public NonSeekableStream(byte[] data)
            : base(data)
        {
        }

        public override bool CanSeek => false;
    }
}
