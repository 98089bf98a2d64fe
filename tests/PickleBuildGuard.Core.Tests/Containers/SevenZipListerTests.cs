using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using PickleBuildGuard.Containers;
using PickleBuildGuard.Input;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>
/// <see cref="SevenZipLister"/> against archives made by py7zr (tests/fixtures/sevenzip/generate_7z_fixtures.py)
/// and the read-only 7z fixtures of tests/fixtures/containers/unsupported.
/// </summary>
public class SevenZipListerTests
{
    private static string SevenZipDir => Path.Combine(Fixtures.Root, "tests", "fixtures", "sevenzip");

    private static string UnsupportedDir => Path.Combine(Fixtures.Root, "tests", "fixtures", "containers", "unsupported");

    private static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(SevenZipDir, name));

    private static List<string>? List(byte[] data, out string? problem)
    {
        using var source = new ArrayByteSource(data);
        return SevenZipLister.TryListNames(source, out problem);
    }

    private static List<string> ListOk(string name)
    {
        List<string>? names = List(Bytes(name), out string? problem);
        Assert.True(names is not null, $"{name}: {problem}");
        Assert.Null(problem);
        return names!;
    }

    [Fact]
    public void TwoMembersWithEncodedHeader()
    {
        Assert.Equal(0x17, Bytes("two_members.7z")[32 + (int)BitConverter.ToInt64(Bytes("two_members.7z"), 12)]);
        Assert.Equal(new[] { "data.pkl", "notes.txt" }, ListOk("two_members.7z"));
    }

    [Fact]
    public void PlainHeader()
    {
        byte[] data = Bytes("plain_header.7z");
        Assert.Equal(0x01, data[32 + (int)BitConverter.ToInt64(data, 12)]);
        Assert.Equal(new[] { "data.pkl", "dir/inner.bin" }, ListOk("plain_header.7z"));
    }

    [Fact]
    public void UnicodeNames() =>
        Assert.Equal(new[] { "mod\u00e8le.pkl", "\u6a21\u578b/\u91cd\u307f.bin", "emoji_\U0001F600.txt" }, ListOk("unicode_names.7z"));

    [Fact]
    public void Lzma2Archive() => Assert.Equal(new[] { "a.pkl", "b.txt" }, ListOk("lzma2_names.7z"));

    [Theory]
    [InlineData("lzma1_header.7z")]
    [InlineData("copy_header.7z")]
    public void HandBuiltEncodedHeaders(string name)
    {
        byte[] data = Bytes(name);
        Assert.Equal(0x17, data[32 + (int)BitConverter.ToInt64(data, 12)]);
        Assert.Equal(new[] { "data.pkl", "dir/inner.bin" }, ListOk(name));
    }

    [Fact]
    public void EmptyArchive() => Assert.Empty(ListOk("empty.7z"));

    [Fact]
    public void EncryptedHeaderIsReported()
    {
        Assert.Null(List(Bytes("encrypted_header.7z"), out string? problem));
        Assert.Equal("7z headers are encrypted", problem);
    }

    [Fact]
    public void TruncatedArchive()
    {
        Assert.Null(List(Bytes("truncated.7z"), out string? problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void GarbageAndEmptyInput()
    {
        foreach (byte[] data in new[] { Array.Empty<byte>(), new byte[5], new byte[100], Enumerable.Range(0, 300).Select(i => (byte)(i * 37)).ToArray() })
        {
            Assert.Null(List(data, out string? problem));
            Assert.False(string.IsNullOrEmpty(problem));
        }
    }

    [Fact]
    public void EveryPrefixAndSingleByteCorruptionNeverThrows()
    {
        foreach (string name in new[] { "two_members.7z", "plain_header.7z", "unicode_names.7z", "lzma2_names.7z", "lzma1_header.7z", "copy_header.7z", "encrypted_header.7z" })
        {
            byte[] data = Bytes(name);
            for (int length = 0; length < data.Length; length++)
            {
                List<string>? names = List(data.Take(length).ToArray(), out string? problem);
                Assert.True(names is null ? !string.IsNullOrEmpty(problem) : problem is null);
            }

            for (int i = 0; i < data.Length; i++)
            {
                foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
                {
                    byte[] copy = (byte[])data.Clone();
                    copy[i] ^= flip;
                    List<string>? names = List(copy, out string? problem);
                    Assert.True(names is null ? !string.IsNullOrEmpty(problem) : problem is null);
                }
            }
        }
    }

    [Fact]
    public void HugeNextHeaderSizeIsRejectedQuickly()
    {
        byte[] data = Bytes("two_members.7z");
        BitConverter.GetBytes(1L << 40).CopyTo(data, 20);
        var watch = Stopwatch.StartNew();
        Assert.Null(List(data, out string? problem));
        Assert.Contains("exceeds", problem);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));

        // Also with an offset pointing far past the end.
        data = Bytes("two_members.7z");
        BitConverter.GetBytes(1L << 40).CopyTo(data, 12);
        Assert.Null(List(data, out problem));
        Assert.Contains("truncated", problem);
    }

    public static IEnumerable<object[]> UnsupportedSevenZipFixtures() =>
        Directory.GetFiles(UnsupportedDir)
            .Where(path => File.ReadAllBytes(path).Take(6).SequenceEqual(new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }))
            .Select(path => new object[] { Path.GetFileName(path) });

    [Theory]
    [MemberData(nameof(UnsupportedSevenZipFixtures))]
    public void ExistingUnsupportedFixturesList(string file)
    {
        using var source = new FileByteSource(Path.Combine(UnsupportedDir, file));
        Assert.True(SevenZipLister.HasSignature(source));
        List<string>? names = SevenZipLister.TryListNames(source, out string? problem);
        Assert.True(names is not null, $"{file}: {problem}");
        Assert.NotEmpty(names!);
        Assert.All(names!, n => Assert.False(string.IsNullOrEmpty(n)));
    }
}
