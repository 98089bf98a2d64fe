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
/// <see cref="Lz4FrameDecoderStream"/> against real liblz4 output (tests/fixtures/compression/lz4, made by
/// generate_compression_fixtures_bz2_lz4.py with python3-lz4): decoded SHA-256 and length for every block size,
/// linking and checksum combination, legacy and skippable frames, read-size independence, truncation and bit flips
/// fail closed with <see cref="InvalidDataException"/> only, and the output limit stops a bomb.
/// </summary>
public class Lz4DecoderTests
{
    private const long Unlimited = long.MaxValue;

    private static string Directory => DecoderTestVectors.DirectoryOf("lz4");

    public static IEnumerable<object[]> AllFixtures() =>
        System.IO.Directory.GetFiles(Directory, "*.lz4").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

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
    [InlineData("pickle300k.b64k-linked.lz4", 1)]
    [InlineData("pickle300k.b64k-linked.lz4", 7)]
    [InlineData("pickle300k.b64k-linked.lz4", 4096)]
    [InlineData("repetitive5m.b4m-linked-cc-size.lz4", 1)]
    [InlineData("repetitive5m.b4m-linked-cc-size.lz4", 7)]
    [InlineData("repetitive5m.b4m-linked-cc-size.lz4", 4096)]
    [InlineData("repetitive5m.b64k-indep-bc-cc-size.lz4", 7)]
    [InlineData("text.hc-b256k-linked-cc.lz4", 7)]
    [InlineData("multi.lz4", 1)]
    [InlineData("multi.lz4", 7)]
    [InlineData("legacy.lz4", 4096)]
    [InlineData("one.b64k-linked.lz4", 1)]
    public void Odd_read_sizes_give_identical_output(string name, int chunk)
    {
        (string sha, long length) = Expected(name);
        (string actualSha, long actualLength) = Decode(File.ReadAllBytes(PathOf(name)), chunk, Unlimited);
        Assert.Equal(length, actualLength);
        Assert.Equal(sha, actualSha);
    }

    [Theory]
    [InlineData("text.b64k-indep-bc-cc-size.lz4")]
    [InlineData("multi.lz4")]
    public void Input_delivered_a_few_bytes_at_a_time_decodes_the_same(string name)
    {
        (string sha, long length) = Expected(name);
        using var decoder = new Lz4FrameDecoderStream(new DecoderTestVectors.TrickleStream(File.ReadAllBytes(PathOf(name)), 3), Unlimited);
        (string actualSha, long actualLength) = Hash(decoder, 5000);
        Assert.Equal(length, actualLength);
        Assert.Equal(sha, actualSha);
    }

    [Theory]
    [InlineData("one.b64k-linked.lz4")]
    [InlineData("empty.b64k-indep-bc-cc-size.lz4")]
    [InlineData("one.b4m-linked-cc-size.lz4")]
    [InlineData("text.b64k-linked.lz4")]
    [InlineData("text.b64k-indep-bc-cc-size.lz4")]
    [InlineData("text.hc-b256k-linked-cc.lz4")]
    [InlineData("pickle300k.b64k-linked.lz4")]
    [InlineData("repetitive5m.b4m-indep.lz4")]
    [InlineData("zeros4m.b4m-indep.lz4")]
    public void Every_truncation_is_InvalidDataException(string name)
    {
        byte[] data = File.ReadAllBytes(PathOf(name));
        foreach (int cut in CutPoints(data.Length, 64))
        {
            var prefix = new byte[cut];
            Array.Copy(data, prefix, cut);
            var ex = Assert.Throws<InvalidDataException>(() => Decode(prefix, 64 * 1024, Unlimited));
            Assert.DoesNotContain("limit", ex.Message);
        }
    }

    [Fact]
    public void Legacy_frame_cut_inside_a_block_is_InvalidDataException_and_at_a_block_boundary_is_shorter_output()
    {
        byte[] data = File.ReadAllBytes(PathOf("legacy.lz4"));
        int firstBlock = BitConverter.ToInt32(data, 4);
        foreach (int cut in new[] { 1, 3, 5, 7, 9, 100, 4 + 4 + firstBlock - 1, 4 + 4 + firstBlock + 2, data.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => Decode(data.Take(cut).ToArray(), 4096, Unlimited));
        }

        // The legacy format has no end mark: a cut between blocks is indistinguishable from a shorter file.
        Assert.Equal(8L * 1024 * 1024, Decode(data.Take(4 + 4 + firstBlock).ToArray(), 4096, Unlimited).Length);
    }

    [Theory]
    [InlineData("one.b64k-indep-bc-cc-size.lz4", 0, true)]
    [InlineData("one.b4m-linked-cc-size.lz4", 0, true)]
    [InlineData("text.b64k-indep-bc-cc-size.lz4", 400, true)]
    [InlineData("text.hc-b256k-linked-cc.lz4", 300, true)]
    [InlineData("repetitive5m.b64k-indep-bc-cc-size.lz4", 40, true)]
    [InlineData("text.b64k-linked.lz4", 400, false)]
    [InlineData("pickle300k.b64k-linked.lz4", 300, false)]
    [InlineData("repetitive5m.b4m-indep.lz4", 60, false)]
    [InlineData("legacy.lz4", 40, false)]
    [InlineData("multi.lz4", 300, false)]
    public void Bit_flips_only_ever_raise_InvalidDataException(string name, int samples, bool checksummed)
    {
        byte[] data = File.ReadAllBytes(PathOf(name));
        (string sha, long length) = Expected(name);
        var flips = new List<(int Byte, int Bit)>();
        if (samples == 0)
        {
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
            var rnd = new Random(4321);
            for (int i = 0; i < samples; i++)
            {
                flips.Add((rnd.Next(data.Length), rnd.Next(8)));
            }
        }

        int detected = 0;
        foreach ((int at, int bit) in flips)
        {
            var copy = (byte[])data.Clone();
            copy[at] ^= (byte)(1 << bit);
            try
            {
                (string flippedSha, long flippedLength) = Decode(copy, 64 * 1024, (2 * length) + (1 << 20));
                if (checksummed)
                {
                    // With a content checksum a flip either fails or (in a length/flag bit that does not change the
                    // content, e.g. a flipped "uncompressed" flag can't survive) leaves the content unchanged.
                    Assert.True(flippedSha == sha && flippedLength == length, $"{name}: flip of bit {bit} at byte {at} decoded to different bytes without an error");
                }
            }
            catch (InvalidDataException)
            {
                detected++;
            }
        }

        if (checksummed)
        {
            Assert.True(detected > flips.Count / 2, $"only {detected} of {flips.Count} flips were detected");
        }
    }

    [Fact]
    public void Random_garbage_after_a_frame_header_is_InvalidDataException_or_decodes()
    {
        // Valid headers (random flags) followed by random block data: whatever happens, nothing but InvalidDataException.
        var rnd = new Random(77);
        for (int i = 0; i < 1000; i++)
        {
            var body = new byte[rnd.Next(0, 3000)];
            rnd.NextBytes(body);
            bool independent = rnd.Next(2) == 0;
            var frame = new MemoryStream();
            WriteFrameHeader(frame, i % 50 == 0 ? 7 : 4 + rnd.Next(2), independent, blockChecksums: false, contentChecksum: rnd.Next(2) == 0, contentSize: null);
            if (rnd.Next(2) == 0)
            {
                // A plausible block header before the garbage.
                int size = Math.Min(body.Length, 60000);
                frame.Write(BitConverter.GetBytes(size), 0, 4);
            }

            frame.Write(body, 0, body.Length);
            try
            {
                Decode(frame.ToArray(), 4096, 64L << 20);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void Random_bytes_in_stored_and_compressed_blocks_round_trip()
    {
        // 2 MB of seeded random bytes: liblz4 stores incompressible blocks uncompressed, so a frame of stored blocks is
        // what it writes for this input (and keeps 2 MB of incompressible bytes out of the committed fixtures).
        byte[] data = SeededRandom(2_000_000, 2024);
        string sha = Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
        foreach (int blockSizeId in new[] { 4, 5, 7 })
        {
            foreach (bool independent in new[] { false, true })
            {
                byte[] frame = StoredFrame(data, blockSizeId, independent, blockChecksums: true, contentChecksum: true, contentSize: data.Length);
                (string actual, long length) = Decode(frame, 7919, Unlimited);
                Assert.Equal(data.Length, length);
                Assert.Equal(sha, actual);
            }
        }

        // Hand-made compressed block: literals of random bytes, then a long match into the previous block (linked).
        var stream = new MemoryStream();
        WriteFrameHeader(stream, 4, independent: false, blockChecksums: false, contentChecksum: true, contentSize: null);
        byte[] literals = data.Take(1000).ToArray();
        WriteBlock(stream, literals, stored: true);
        var block = new MemoryStream();
        block.WriteByte(0x0F);                       // no literals, match length 15+...
        block.WriteByte(0xE8);                       // offset 1000 (little endian)
        block.WriteByte(0x03);
        block.WriteByte(255);
        block.WriteByte(255);
        block.WriteByte(100);                        // 15 + 255 + 255 + 100 + 4 = 629
        block.WriteByte(0x50);                       // last literals: 5
        block.Write(literals, 0, 5);
        WriteBlock(stream, block.ToArray(), stored: false);
        var expected = literals.Concat(Enumerable.Range(0, 629).Select(i => literals[i % 1000])).Concat(literals.Take(5)).ToArray();
        stream.Write(new byte[4], 0, 4);
        var hash = new Lz4XxHash32();
        hash.Update(expected, 0, expected.Length);
        stream.Write(BitConverter.GetBytes(hash.Digest()), 0, 4);
        using var decoder = new Lz4FrameDecoderStream(new MemoryStream(stream.ToArray()), Unlimited);
        var output = new MemoryStream();
        decoder.CopyTo(output);
        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public void Bomb_is_stopped_at_the_limit_quickly()
    {
        // 25 frames of 4 MiB of zeros: 100 MiB from ~400 KB.
        byte[] one = File.ReadAllBytes(PathOf("zeros4m.b4m-indep.lz4"));
        byte[] bomb = Enumerable.Repeat(one, 25).SelectMany(b => b).ToArray();
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidDataException>(() => Decode(bomb, 64 * 1024, 1 << 20));
        watch.Stop();
        Assert.Contains("limit", ex.Message);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(100L << 20, Decode(bomb, 1 << 20, 100L << 20).Length);
    }

    [Fact]
    public void Limit_equal_to_the_length_is_allowed_and_one_less_is_not()
    {
        byte[] data = File.ReadAllBytes(PathOf("text.b64k-linked.lz4"));
        (string sha, long length) = Expected("text.b64k-linked.lz4");
        Assert.Equal(sha, Decode(data, 4096, length).Sha);
        var ex = Assert.Throws<InvalidDataException>(() => Decode(data, 4096, length - 1));
        Assert.Contains("limit", ex.Message);
        Assert.Equal(0, Decode(File.ReadAllBytes(PathOf("empty.b4m-indep.lz4")), 1, 0).Length);
    }

    [Fact]
    public void Frame_header_rules_are_enforced()
    {
        byte[] good = File.ReadAllBytes(PathOf("one.b64k-linked.lz4"));
        Assert.Equal(1, Decode(good, 10, Unlimited).Length);

        // Header checksum.
        var badChecksum = (byte[])good.Clone();
        badChecksum[6] ^= 0x01;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => Decode(badChecksum, 10, Unlimited)).Message);

        // Version, reserved bits, block size id below 4, dictionary: each with a correct header checksum.
        foreach ((byte flg, byte bd) in new[] { ((byte)0x20, (byte)0x40), ((byte)0xA0, (byte)0x40), ((byte)0x62, (byte)0x40), ((byte)0x60, (byte)0xC0), ((byte)0x60, (byte)0x41), ((byte)0x60, (byte)0x30) })
        {
            byte[] header = { 0x04, 0x22, 0x4D, 0x18, flg, bd, 0 };
            header[6] = (byte)(Lz4XxHash32.Hash(header, 4, 2) >> 8);
            Assert.Throws<InvalidDataException>(() => Decode(header.Concat(new byte[4]).ToArray(), 10, Unlimited));
        }

        byte[] dictionary = { 0x04, 0x22, 0x4D, 0x18, 0x61, 0x40, 1, 2, 3, 4, 0 };
        dictionary[10] = (byte)(Lz4XxHash32.Hash(dictionary, 4, 6) >> 8);
        Assert.Contains("dictionary", Assert.Throws<InvalidDataException>(() => Decode(dictionary.Concat(new byte[4]).ToArray(), 10, Unlimited)).Message);

        // Declared content size that does not match.
        var stream = new MemoryStream();
        WriteFrameHeader(stream, 4, independent: true, blockChecksums: false, contentChecksum: false, contentSize: 5);
        WriteBlock(stream, new byte[] { 1, 2, 3 }, stored: true);
        stream.Write(new byte[4], 0, 4);
        Assert.Throws<InvalidDataException>(() => Decode(stream.ToArray(), 10, Unlimited));

        // A block larger than the frame's maximum block size.
        stream = new MemoryStream();
        WriteFrameHeader(stream, 4, independent: true, blockChecksums: false, contentChecksum: false, contentSize: null);
        stream.Write(BitConverter.GetBytes(0x80000000u | (64 * 1024 + 1)), 0, 4);
        stream.Write(new byte[(64 * 1024) + 1], 0, (64 * 1024) + 1);
        stream.Write(new byte[4], 0, 4);
        Assert.Throws<InvalidDataException>(() => Decode(stream.ToArray(), 10, Unlimited));
    }

    [Fact]
    public void Matches_before_the_start_of_the_data_are_rejected()
    {
        // Independent blocks: a match may not reach into the previous block.
        var stream = new MemoryStream();
        WriteFrameHeader(stream, 4, independent: true, blockChecksums: false, contentChecksum: false, contentSize: null);
        WriteBlock(stream, Encoding.ASCII.GetBytes("abcdefgh"), stored: true);
        WriteBlock(stream, new byte[] { 0x10, (byte)'x', 0x04, 0x00, 0x50, 1, 2, 3, 4, 5 }, stored: false);
        stream.Write(new byte[4], 0, 4);
        Assert.Contains("offset", Assert.Throws<InvalidDataException>(() => Decode(stream.ToArray(), 10, Unlimited)).Message);

        // The same block in a linked frame is fine.
        stream = new MemoryStream();
        WriteFrameHeader(stream, 4, independent: false, blockChecksums: false, contentChecksum: false, contentSize: null);
        WriteBlock(stream, Encoding.ASCII.GetBytes("abcdefgh"), stored: true);
        WriteBlock(stream, new byte[] { 0x10, (byte)'x', 0x04, 0x00, 0x50, 1, 2, 3, 4, 5 }, stored: false);
        stream.Write(new byte[4], 0, 4);
        using var decoder = new Lz4FrameDecoderStream(new MemoryStream(stream.ToArray()), Unlimited);
        var output = new MemoryStream();
        decoder.CopyTo(output);
        Assert.Equal(Encoding.ASCII.GetBytes("abcdefgh").Concat(new[] { (byte)'x', (byte)'f', (byte)'g', (byte)'h', (byte)'x' }).Concat(new byte[] { 1, 2, 3, 4, 5 }).ToArray(), output.ToArray());

        // Offset 0 and a block ending in a match.
        foreach (byte[] bad in new[] { new byte[] { 0x10, (byte)'x', 0x00, 0x00, 0x50, 1, 2, 3, 4, 5 }, new byte[] { 0x10, (byte)'x', 0x01, 0x00 } })
        {
            stream = new MemoryStream();
            WriteFrameHeader(stream, 4, independent: true, blockChecksums: false, contentChecksum: false, contentSize: null);
            WriteBlock(stream, bad, stored: false);
            stream.Write(new byte[4], 0, 4);
            Assert.Throws<InvalidDataException>(() => Decode(stream.ToArray(), 10, Unlimited));
        }
    }

    [Fact]
    public void Skippable_frames_and_trailing_data()
    {
        byte[] skippable = { 0x5F, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9 };
        Assert.Equal(0, Decode(skippable, 10, Unlimited).Length);
        Assert.Throws<InvalidDataException>(() => Decode(skippable.Take(10).ToArray(), 10, Unlimited));

        byte[] text = File.ReadAllBytes(PathOf("text.b64k-linked.lz4"));
        long length = Expected("text.b64k-linked.lz4").Length;
        Assert.Equal(length, Decode(skippable.Concat(text).Concat(skippable).ToArray(), 4096, Unlimited).Length);
        Assert.Throws<InvalidDataException>(() => Decode(text.Concat(new byte[] { 0 }).ToArray(), 4096, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(text.Concat(new byte[] { 0x04, 0x22, 0x4D, 0x18 }).ToArray(), 4096, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(text.Concat(Encoding.ASCII.GetBytes("garbage!")).ToArray(), 4096, Unlimited));
    }

    [Fact]
    public void Not_lz4_and_empty_input_are_InvalidDataException()
    {
        Assert.Throws<InvalidDataException>(() => Decode(Array.Empty<byte>(), 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(Encoding.ASCII.GetBytes("hello world"), 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(new byte[] { 0x04, 0x22, 0x4D }, 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(new byte[] { 0x04, 0x22, 0x4D, 0x18 }, 10, Unlimited));
        Assert.Throws<InvalidDataException>(() => Decode(new byte[] { 0x02, 0x21, 0x4C, 0x18, 0, 0, 0, 0 }, 10, Unlimited));
    }

    [Fact]
    public void XxHash32_matches_the_reference_values_and_is_incremental()
    {
        Assert.Equal(0x02CC5D05u, Lz4XxHash32.Hash(Array.Empty<byte>(), 0, 0));
        Assert.Equal(0x550D7456u, Lz4XxHash32.Hash(new[] { (byte)'a' }, 0, 1));
        Assert.Equal(0x32D153FFu, Lz4XxHash32.Hash(Encoding.ASCII.GetBytes("abc"), 0, 3));

        byte[] data = SeededRandom(10_000, 5);
        uint whole = Lz4XxHash32.Hash(data, 0, data.Length);
        foreach (int step in new[] { 1, 3, 15, 16, 17, 1000 })
        {
            var hash = new Lz4XxHash32();
            for (int p = 0; p < data.Length; p += step)
            {
                hash.Update(data, p, Math.Min(step, data.Length - p));
            }

            Assert.Equal(whole, hash.Digest());
        }
    }

    [Fact]
    public void Stream_contract()
    {
        using var decoder = new Lz4FrameDecoderStream(new MemoryStream(File.ReadAllBytes(PathOf("one.b64k-linked.lz4"))), 10);
        Assert.True(decoder.CanRead);
        Assert.False(decoder.CanSeek);
        Assert.False(decoder.CanWrite);
        Assert.Throws<NotSupportedException>(() => decoder.Length);
        Assert.Throws<NotSupportedException>(() => decoder.Position);
        Assert.Throws<NotSupportedException>(() => decoder.Write(new byte[1], 0, 1));
        Assert.Equal(0x80, decoder.ReadByte());
        Assert.Equal(-1, decoder.ReadByte());
        Assert.Equal(0, decoder.Read(new byte[10], 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lz4FrameDecoderStream(new MemoryStream(), -1));

        var failed = new Lz4FrameDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes("nope")), 10);
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
        using var decoder = new Lz4FrameDecoderStream(new MemoryStream(data), limit);
        return Hash(decoder, chunk);
    }

    private static IEnumerable<int> CutPoints(int length, int samples)
    {
        if (length <= 256)
        {
            return Enumerable.Range(0, length);
        }

        var rnd = new Random(length);
        var cuts = new SortedSet<int> { 0, 1, 3, 4, 5, 6, 7, 8, 11, 15, 19, 23, length - 1, length - 2, length - 3, length - 4, length - 5, length - 8 };
        while (cuts.Count < samples)
        {
            cuts.Add(rnd.Next(length));
        }

        return cuts;
    }

    private static byte[] SeededRandom(int length, int seed)
    {
        // xorshift64*: stable across runtimes, unlike System.Random's algorithm choice.
        var data = new byte[length];
        ulong x = (ulong)seed * 0x9E3779B97F4A7C15UL | 1;
        for (int i = 0; i < length; i++)
        {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            data[i] = (byte)((x * 0x2545F4914F6CDD1DUL) >> 56);
        }

        return data;
    }

    private static void WriteFrameHeader(Stream stream, int blockSizeId, bool independent, bool blockChecksums, bool contentChecksum, long? contentSize)
    {
        var header = new List<byte> { 0x04, 0x22, 0x4D, 0x18 };
        int flg = 0x40 | (independent ? 0x20 : 0) | (blockChecksums ? 0x10 : 0) | (contentSize.HasValue ? 0x08 : 0) | (contentChecksum ? 0x04 : 0);
        header.Add((byte)flg);
        header.Add((byte)(blockSizeId << 4));
        if (contentSize.HasValue)
        {
            header.AddRange(BitConverter.GetBytes(contentSize.Value));
        }

        byte[] descriptor = header.Skip(4).ToArray();
        header.Add((byte)(Lz4XxHash32.Hash(descriptor, 0, descriptor.Length) >> 8));
        stream.Write(header.ToArray(), 0, header.Count);
    }

    private static void WriteBlock(Stream stream, byte[] block, bool stored)
    {
        stream.Write(BitConverter.GetBytes((uint)block.Length | (stored ? 0x80000000u : 0)), 0, 4);
        stream.Write(block, 0, block.Length);
    }

    private static byte[] StoredFrame(byte[] data, int blockSizeId, bool independent, bool blockChecksums, bool contentChecksum, long? contentSize)
    {
        int blockSize = 1 << (8 + (2 * blockSizeId));
        var stream = new MemoryStream();
        WriteFrameHeader(stream, blockSizeId, independent, blockChecksums, contentChecksum, contentSize);
        for (int p = 0; p < data.Length; p += blockSize)
        {
            int n = Math.Min(blockSize, data.Length - p);
            stream.Write(BitConverter.GetBytes((uint)n | 0x80000000u), 0, 4);
            stream.Write(data, p, n);
            if (blockChecksums)
            {
                stream.Write(BitConverter.GetBytes(Lz4XxHash32.Hash(data, p, n)), 0, 4);
            }
        }

        stream.Write(new byte[4], 0, 4);
        if (contentChecksum)
        {
            stream.Write(BitConverter.GetBytes(Lz4XxHash32.Hash(data, 0, data.Length)), 0, 4);
        }

        return stream.ToArray();
    }
}
