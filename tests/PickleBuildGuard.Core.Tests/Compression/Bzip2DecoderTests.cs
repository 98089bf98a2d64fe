using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PickleBuildGuard.Compression;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>
/// <see cref="Bzip2DecoderStream"/> against real bzip2 output (tests/fixtures/compression/bz2, made by
/// generate_compression_fixtures_bz2_lz4.py with Python's bz2 module): decoded SHA-256 and length, read-size
/// independence, truncation and bit flips fail closed with <see cref="InvalidDataException"/> only, and the output
/// limit stops a bomb.
/// </summary>
public class Bzip2DecoderTests
{
    private const long Unlimited = long.MaxValue;

    private static string Directory => DecoderTestVectors.DirectoryOf("bz2");

    public static IEnumerable<object[]> AllFixtures() =>
        System.IO.Directory.GetFiles(Directory, "*.bz2").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Fixture_decodes_to_the_recorded_sha256_and_length(string name)
    {
        (string sha, long length) = Expected(name);
        (string actualSha, long actualLength) = Decode(File.ReadAllBytes(PathOf(name)), 64 * 1024, Unlimited);
        Assert.Equal(length, actualLength);
        Assert.Equal(sha, actualSha);
    }

    [Theory]
    [InlineData("pickle300k.l1.bz2", 1)]
    [InlineData("pickle300k.l1.bz2", 7)]
    [InlineData("pickle300k.l1.bz2", 4096)]
    [InlineData("multi.bz2", 1)]
    [InlineData("multi.bz2", 7)]
    [InlineData("repetitive5m.l9.bz2", 1)]
    [InlineData("repetitive5m.l9.bz2", 7)]
    [InlineData("repetitive5m.l9.bz2", 4096)]
    [InlineData("random2m.l9.bz2", 7)]
    [InlineData("one.l1.bz2", 1)]
    [InlineData("empty.l9.bz2", 7)]
    public void Odd_read_sizes_give_identical_output(string name, int chunk)
    {
        (string sha, long length) = Expected(name);
        (string actualSha, long actualLength) = Decode(File.ReadAllBytes(PathOf(name)), chunk, Unlimited);
        Assert.Equal(length, actualLength);
        Assert.Equal(sha, actualSha);
    }

    [Fact]
    public void Input_delivered_one_byte_at_a_time_decodes_the_same()
    {
        (string sha, long length) = Expected("text.l1.bz2");
        using var decoder = new Bzip2DecoderStream(new DecoderTestVectors.TrickleStream(File.ReadAllBytes(PathOf("text.l1.bz2")), 1), Unlimited);
        (string actualSha, long actualLength) = Hash(decoder, 3000);
        Assert.Equal(length, actualLength);
        Assert.Equal(sha, actualSha);
    }

    [Theory]
    [InlineData("one.l9.bz2", 0)]
    [InlineData("empty.l1.bz2", 0)]
    [InlineData("text.l1.bz2", 48)]
    [InlineData("pickle300k.l9.bz2", 48)]
    [InlineData("repetitive5m.l1.bz2", 24)]
    public void Every_truncation_is_InvalidDataException(string name, int samples)
    {
        // Files up to 256 bytes are cut at every length; larger ones at the edges and at seeded random lengths.
        byte[] data = File.ReadAllBytes(PathOf(name));
        foreach (int cut in CutPoints(data.Length, samples))
        {
            var prefix = new byte[cut];
            Array.Copy(data, prefix, cut);
            var ex = Assert.Throws<InvalidDataException>(() => Decode(prefix, 64 * 1024, Unlimited));
            Assert.DoesNotContain("limit", ex.Message);
        }
    }

    [Theory]
    [InlineData("one.l9.bz2", 0)]
    [InlineData("empty.l9.bz2", 0)]
    [InlineData("text.l1.bz2", 400)]
    [InlineData("pickle300k.l9.bz2", 60)]
    [InlineData("multi.bz2", 200)]
    [InlineData("repetitive5m.l9.bz2", 8)]
    public void Bit_flips_fail_with_InvalidDataException_or_decode_unchanged(string name, int samples)
    {
        byte[] data = File.ReadAllBytes(PathOf(name));
        (string sha, long length) = Expected(name);
        var flips = new List<(int Byte, int Bit)>();
        if (samples == 0)
        {
            // Small file: every bit.
            for (int i = 0; i < data.Length; i++)
            {
                for (int b = 0; b < 8; b++)
                {
                    flips.Add((i, b));
                }
            }
        }
        else
        {
            var rnd = new Random(1234);
            for (int i = 0; i < samples; i++)
            {
                flips.Add((rnd.Next(data.Length), rnd.Next(8)));
            }
        }

        int failures = 0;
        foreach ((int at, int bit) in flips)
        {
            var copy = (byte[])data.Clone();
            copy[at] ^= (byte)(1 << bit);
            try
            {
                (string flippedSha, long flippedLength) = Decode(copy, 64 * 1024, 2 * length + (1 << 20));
                Assert.True(flippedSha == sha && flippedLength == length, $"{name}: flip of bit {bit} at byte {at} decoded to different bytes without an error");
            }
            catch (InvalidDataException)
            {
                failures++;
            }
        }

        Assert.True(failures > flips.Count / 2, $"only {failures} of {flips.Count} flips were detected");
    }

    [Fact]
    public void Random_garbage_after_a_header_is_InvalidDataException()
    {
        var rnd = new Random(99);
        for (int i = 0; i < 500; i++)
        {
            var data = new byte[rnd.Next(4, 2000)];
            rnd.NextBytes(data);
            data[0] = (byte)'B';
            data[1] = (byte)'Z';
            data[2] = (byte)'h';
            data[3] = (byte)('1' + rnd.Next(9));
            if (i % 2 == 0 && data.Length > 10)
            {
                // Valid block magic so the block parser itself sees the garbage.
                new byte[] { 0x31, 0x41, 0x59, 0x26, 0x53, 0x59 }.CopyTo(data, 4);
            }

            Assert.Throws<InvalidDataException>(() => Decode(data, 4096, 1 << 20));
        }
    }

    [Fact]
    public void Bomb_is_stopped_at_the_limit_quickly()
    {
        byte[] data = File.ReadAllBytes(PathOf("zeros100m.l9.bz2"));
        Assert.True(data.Length < 1024);
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidDataException>(() => Decode(data, 64 * 1024, 1 << 20));
        watch.Stop();
        Assert.Contains("limit", ex.Message);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Limit_equal_to_the_length_is_allowed_and_one_less_is_not()
    {
        byte[] data = File.ReadAllBytes(PathOf("text.l9.bz2"));
        (string sha, long length) = Expected("text.l9.bz2");
        Assert.Equal(sha, Decode(data, 4096, length).Sha);
        var ex = Assert.Throws<InvalidDataException>(() => Decode(data, 4096, length - 1));
        Assert.Contains("limit", ex.Message);
        Assert.Equal(0, Decode(File.ReadAllBytes(PathOf("empty.l9.bz2")), 1, 0).Length);
    }

    [Fact]
    public void Not_bzip2_and_empty_input_are_InvalidDataException()
    {
        Assert.Throws<InvalidDataException>(() => Decode(Array.Empty<byte>(), 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(Encoding.ASCII.GetBytes("hello world"), 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(Encoding.ASCII.GetBytes("BZh0"), 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(Encoding.ASCII.GetBytes("BZh9"), 10, Unlimited));
    }

    [Fact]
    public void Trailing_garbage_after_the_last_stream_is_InvalidDataException()
    {
        byte[] data = File.ReadAllBytes(PathOf("text.l1.bz2"));
        Assert.Throws<InvalidDataException>(() => Decode(data.Concat(new byte[] { 0 }).ToArray(), 4096, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(data.Concat(Encoding.ASCII.GetBytes("BZh9")).ToArray(), 4096, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(data.Concat(Encoding.ASCII.GetBytes("PK\u0003\u0004")).ToArray(), 4096, Unlimited));
    }

    [Fact]
    public void Concatenated_streams_decode_back_to_back()
    {
        byte[] one = File.ReadAllBytes(PathOf("one.l1.bz2"));
        byte[] text = File.ReadAllBytes(PathOf("text.l9.bz2"));
        byte[] joined = one.Concat(text).Concat(one).ToArray();
        using var decoder = new Bzip2DecoderStream(new MemoryStream(joined), Unlimited);
        var output = new MemoryStream();
        decoder.CopyTo(output);
        Assert.Equal(Expected("text.l9.bz2").Length + 2, output.Length);
        Assert.Equal(0x80, output.ToArray()[0]);
        Assert.Equal(0x80, output.ToArray()[^1]);
    }

    [Fact]
    public void Randomised_block_flag_is_rejected()
    {
        byte[] data = File.ReadAllBytes(PathOf("text.l1.bz2"));

        // Header (4 bytes), block magic (48 bits), block CRC (32 bits): the randomised flag is the top bit of byte 14.
        data[14] |= 0x80;
        var ex = Assert.Throws<InvalidDataException>(() => Decode(data, 4096, Unlimited));
        Assert.Contains("randomised", ex.Message);
    }

    [Fact]
    public void Stream_contract()
    {
        using var decoder = new Bzip2DecoderStream(new MemoryStream(File.ReadAllBytes(PathOf("one.l9.bz2"))), 10);
        Assert.True(decoder.CanRead);
        Assert.False(decoder.CanSeek);
        Assert.False(decoder.CanWrite);
        Assert.Throws<NotSupportedException>(() => decoder.Length);
        Assert.Throws<NotSupportedException>(() => decoder.Position);
        Assert.Throws<NotSupportedException>(() => decoder.Write(new byte[1], 0, 1));
        Assert.Equal(0x80, decoder.ReadByte());
        Assert.Equal(-1, decoder.ReadByte());
        Assert.Equal(0, decoder.Read(new byte[10], 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bzip2DecoderStream(new MemoryStream(), -1));

        var failed = new Bzip2DecoderStream(new MemoryStream(Encoding.ASCII.GetBytes("nope")), 10);
        Assert.Throws<InvalidDataException>(() => failed.ReadByte());
        Assert.Throws<InvalidDataException>(() => failed.ReadByte());
        failed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => failed.ReadByte());
    }

    private static string PathOf(string name) => Path.Combine(Directory, name);

    private static (string Sha, long Length) Expected(string name) => DecoderTestVectors.Expected(PathOf(name));

    private static (string Sha, long Length) Hash(Stream stream, int chunk) => DecoderTestVectors.Hash(stream, chunk);

    private static (string Sha, long Length) Decode(byte[] data, int chunk, long limit)
    {
        using var decoder = new Bzip2DecoderStream(new MemoryStream(data), limit);
        return Hash(decoder, chunk);
    }

    private static IEnumerable<int> CutPoints(int length, int samples)
    {
        if (length <= 256)
        {
            return Enumerable.Range(0, length);
        }

        var rnd = new Random(length);
        var cuts = new SortedSet<int> { 0, 1, 2, 3, 4, 5, 9, 10, 14, 20, length - 1, length - 2, length - 3, length - 4, length - 5, length - 6, length - 10 };
        while (cuts.Count < samples)
        {
            cuts.Add(rnd.Next(length));
        }

        return cuts;
    }
}
