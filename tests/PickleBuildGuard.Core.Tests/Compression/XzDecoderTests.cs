using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using PickleBuildGuard.Compression;
using Xunit;

namespace PickleBuildGuard.Tests;

/// <summary>
/// XZ / LZMA-alone / zip-method-14 decoders against fixtures made by Python's lzma module
/// (tests/fixtures/compression/generate_compression_fixtures_lzma.py; manifest.tsv holds original length and SHA-256).
/// </summary>
public class XzDecoderTests
{
    private static readonly Lazy<string> DirectoryPath = new(FindFixtureDirectory);

    private static readonly Lazy<Dictionary<string, FixtureRow>> Rows = new(() =>
        File.ReadAllLines(Path.Combine(DirectoryPath.Value, "manifest.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToDictionary(f => f[0], f => new FixtureRow(f[0], f[1], long.Parse(f[2]), f[3])));

    private sealed record FixtureRow(string File, string Format, long Length, string Sha256);

    public static IEnumerable<object[]> DecodableFixtures() =>
        Rows.Value.Values.Where(r => r.Format != "xz-unsupported").Select(r => new object[] { r.File });

    public static IEnumerable<object[]> ChunkedFixtures()
    {
        foreach (FixtureRow row in Rows.Value.Values.Where(r => r.Format != "xz-unsupported" && r.Length <= 6_000_000))
        {
            foreach (int chunk in new[] { 1, 7, 4096 })
            {
                bool large = row.Length > 400_000;
                if (large && (chunk == 1 || (chunk == 7 && !LargeChunkedByOddSizes.Contains(row.File))))
                {
                    continue;
                }

                yield return new object[] { row.File, chunk };
            }
        }
    }

    private static readonly HashSet<string> LargeChunkedByOddSizes = new()
    {
        "repetitive_5m.p6.xz", "repetitive_5m.lzma", "repetitive_5m.dict4k.lzma", "random_2m.p6.xz",
    };

    public static IEnumerable<object[]> TruncatableFixtures() => new[]
    {
        "empty.p6.xz", "empty.none.xz", "one_byte.crc32.xz", "text.p6.xz", "text.none.xz", "text.sha256.xz",
        "pickle_floats_100k.lc1lp3pb0.xz", "mixed.p6.xz", "pickle_floats_100k.delta4.xz", "empty.lzma", "one_byte.lzma",
        "text.lzma", "random_32k.lzma", "empty.zipmember", "text.zipmember", "text.lp4pb4.zipmember",
    }.Select(f => new object[] { f });

    public static IEnumerable<object[]> CheckedXzFixtures() => new[]
    {
        "empty.crc32.xz", "empty.sha256.xz", "one_byte.p9e.xz", "one_byte.sha256.xz", "text.crc32.xz",
        "text.p6.xz", "text.sha256.xz", "text.dict4k.xz", "pickle_floats_100k.lc1lp3pb0.xz", "mixed.p6.xz",
        "pickle_floats_100k.delta4.xz", "multistream.xz",
    }.Select(f => new object[] { f });

    public static IEnumerable<object[]> UncheckedFixtures() => new[]
    {
        "text.none.xz", "one_byte.none.xz", "text.lzma", "text.known_size.lzma", "one_byte.lzma", "random_32k.lzma",
        "text.zipmember", "text.lc4pb0.zipmember", "random_32k.zipmember",
    }.Select(f => new object[] { f });

    [Fact]
    public void Fixture_set_is_complete_and_small()
    {
        Assert.True(Rows.Value.Count >= 50);
        long total = Directory.GetFiles(DirectoryPath.Value).Sum(f => new FileInfo(f).Length);
        Assert.True(total < 3_000_000, $"committed LZMA fixtures take {total} bytes");
        foreach (FixtureRow row in Rows.Value.Values)
        {
            Assert.True(File.Exists(Path.Combine(DirectoryPath.Value, row.File)), row.File);
        }
    }

    [Theory]
    [MemberData(nameof(DecodableFixtures))]
    public void Decodes_fixture_to_the_original_bytes(string file)
    {
        FixtureRow row = Rows.Value[file];
        byte[] data = Load(file);

        // A limit of exactly the original length must be enough.
        (long length, string sha) = DecodeAll(Open(row.Format, data, row.Length), 1 << 16);

        Assert.Equal(row.Length, length);
        Assert.Equal(row.Sha256, sha);
    }

    [Theory]
    [MemberData(nameof(ChunkedFixtures))]
    public void Odd_read_sizes_give_the_same_output(string file, int chunk)
    {
        FixtureRow row = Rows.Value[file];
        (long length, string sha) = DecodeAll(Open(row.Format, Load(file), long.MaxValue), chunk);

        Assert.Equal(row.Length, length);
        Assert.Equal(row.Sha256, sha);
    }

    [Theory]
    [InlineData("text.p6.xz")]
    [InlineData("text.lzma")]
    [InlineData("one_byte.zipmember")]
    public void ReadByte_walks_the_whole_output(string file)
    {
        FixtureRow row = Rows.Value[file];
        using Stream stream = Open(row.Format, Load(file), long.MaxValue);
        using var output = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            output.WriteByte((byte)b);
        }

        Assert.Equal(row.Sha256, Sha256Hex(output.ToArray()));
        Assert.Equal(-1, stream.ReadByte());
        Assert.Equal(0, stream.Read(new byte[10], 0, 10));
    }

    [Theory]
    [InlineData("text.zipmember")]
    [InlineData("pickle_floats.zipmember")]
    [InlineData("empty.zipmember")]
    public void Zip_member_with_known_uncompressed_size(string file)
    {
        FixtureRow row = Rows.Value[file];
        using var stream = LzmaAloneDecoderStream.ForZipMember(new MemoryStream(Load(file)), long.MaxValue, row.Length);
        (long length, string sha) = DecodeAll(stream, 1000);

        Assert.Equal(row.Length, length);
        Assert.Equal(row.Sha256, sha);
    }

    [Fact]
    public void Known_size_lzma_stops_before_the_end_marker()
    {
        // The end marker (and range coder flush) are the last bytes; a known-size decoder must not need all of them.
        FixtureRow row = Rows.Value["text.known_size.lzma"];
        byte[] data = Load(row.File);
        byte[] withTrailingGarbage = data.Concat(new byte[] { 1, 2, 3, 4, 5 }).ToArray();

        (long length, string sha) = DecodeAll(Open(row.Format, withTrailingGarbage, long.MaxValue), 4096);

        Assert.Equal(row.Length, length);
        Assert.Equal(row.Sha256, sha);
    }

    [Theory]
    [MemberData(nameof(TruncatableFixtures))]
    public void Truncated_input_throws_InvalidDataException(string file)
    {
        FixtureRow row = Rows.Value[file];
        byte[] data = Load(file);
        foreach (int cut in CutPoints(data.Length))
        {
            byte[] truncated = data.AsSpan(0, cut).ToArray();
            var ex = Record.Exception(() => DecodeAll(Open(row.Format, truncated, 64L << 20), 4096));
            Assert.True(ex is InvalidDataException, $"{file} cut at {cut}/{data.Length}: {ex?.GetType().Name ?? "no exception"} {ex?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(CheckedXzFixtures))]
    public void Flipped_bytes_in_checked_xz_throw_InvalidDataException(string file)
    {
        FixtureRow row = Rows.Value[file];
        byte[] data = Load(file);
        foreach (int position in FlipPoints(data.Length))
        {
            foreach (byte mask in new byte[] { (byte)(1 << (position % 8)), 0xFF })
            {
                byte[] corrupt = (byte[])data.Clone();
                corrupt[position] ^= mask;
                var ex = Record.Exception(() => DecodeAll(Open(row.Format, corrupt, 64L << 20), 4096));
                Assert.True(ex is InvalidDataException, $"{file} byte {position} ^ 0x{mask:X2}: {ex?.GetType().Name ?? "no exception"} {ex?.Message}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(UncheckedFixtures))]
    public void Flipped_bytes_without_a_check_never_crash(string file)
    {
        // Without an integrity check a flip may decode to different bytes; it must never throw anything else.
        FixtureRow row = Rows.Value[file];
        byte[] data = Load(file);
        foreach (int position in FlipPoints(data.Length))
        {
            foreach (byte mask in new byte[] { (byte)(1 << (position % 8)), 0xFF })
            {
                byte[] corrupt = (byte[])data.Clone();
                corrupt[position] ^= mask;
                var ex = Record.Exception(() => DecodeAll(Open(row.Format, corrupt, 16L << 20), 4096));
                bool dictionaryField = row.Format == "alone" ? position is >= 1 and <= 4 : row.Format == "zip" && position is >= 5 and <= 8;
                Assert.True(
                    ex is null || ex is InvalidDataException || (dictionaryField && ex is NotSupportedException),
                    $"{file} byte {position} ^ 0x{mask:X2}: {ex?.GetType().Name} {ex?.Message}");
            }
        }
    }

    [Theory]
    [InlineData("zeros_100m.xz")]
    [InlineData("zeros_100m.lzma")]
    public void Decompression_bomb_stops_at_the_limit_quickly(string file)
    {
        FixtureRow row = Rows.Value[file];
        byte[] data = Load(file);
        Assert.True(data.Length < 20_000);
        const long limit = 1_000_000;
        var watch = Stopwatch.StartNew();
        using Stream stream = Open(row.Format, data, limit);
        var ex = Assert.Throws<InvalidDataException>(() => DecodeAll(stream, 1 << 16, dispose: false));
        watch.Stop();

        Assert.Contains("exceeds the limit", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        long produced = stream switch
        {
            XzDecoderStream xz => xz.TotalOutput,
            LzmaAloneDecoderStream alone => alone.TotalOutput,
            _ => throw new InvalidOperationException(),
        };
        Assert.True(produced <= limit, $"{produced} bytes produced");

        // The stream stays failed.
        Assert.Throws<InvalidDataException>(() => stream.Read(new byte[16], 0, 16));
    }

    [Theory]
    [InlineData("text.p6.xz")]
    [InlineData("text.lzma")]
    [InlineData("text.known_size.lzma")]
    [InlineData("text.zipmember")]
    [InlineData("multistream.xz")]
    [InlineData("one_byte.p0.xz")]
    public void Limit_one_byte_short_throws(string file)
    {
        FixtureRow row = Rows.Value[file];
        var ex = Assert.Throws<InvalidDataException>(() => DecodeAll(Open(row.Format, Load(file), row.Length - 1), 7));
        Assert.Contains("exceeds the limit", ex.Message);
    }

    [Fact]
    public void Zero_limit_accepts_empty_output()
    {
        foreach (string file in new[] { "empty.p6.xz", "empty.lzma", "empty.known_size.lzma", "empty.zipmember" })
        {
            FixtureRow row = Rows.Value[file];
            Assert.Equal(0, DecodeAll(Open(row.Format, Load(file), 0), 10).Length);
        }
    }

    [Fact]
    public void Unsupported_filter_throws_NotSupportedException()
    {
        var ex = Assert.Throws<NotSupportedException>(() => DecodeAll(Open("xz", Load("text_1k.bcj_x86.xz"), long.MaxValue), 4096));
        Assert.Contains("BCJ x86", ex.Message);
    }

    [Fact]
    public void Dictionary_above_256_MiB_throws_NotSupportedException()
    {
        // .lzma: patch the dictionary size field (no checksum covers it).
        byte[] alone = Load("text.lzma");
        BitConverter.GetBytes((uint)(512 << 20)).CopyTo(alone, 1);
        Assert.Throws<NotSupportedException>(() => DecodeAll(Open("alone", alone, long.MaxValue), 4096));

        // .xz: patch the LZMA2 dictionary byte (40 = 4 GiB - 1) and fix the block header CRC32.
        byte[] xz = Load("text.p6.xz");
        int headerStart = 12;
        int headerSize = (xz[headerStart] + 1) * 4;
        int lzma2Props = Array.IndexOf(xz, (byte)0x21, headerStart + 2) + 2; // filter ID 0x21, props size 1, props
        Assert.InRange(lzma2Props, headerStart + 4, headerStart + headerSize - 5);
        xz[lzma2Props] = 40;
        BitConverter.GetBytes(Crc32(xz, headerStart, headerSize - 4)).CopyTo(xz, headerStart + headerSize - 4);
        var ex = Assert.Throws<NotSupportedException>(() => DecodeAll(Open("xz", xz, long.MaxValue), 4096));
        Assert.Contains("MiB", ex.Message);
    }

    [Fact]
    public void Garbage_and_empty_inputs_throw_InvalidDataException()
    {
        foreach (string format in new[] { "xz", "alone", "zip" })
        {
            Assert.Throws<InvalidDataException>(() => DecodeAll(Open(format, Array.Empty<byte>(), long.MaxValue), 16));
            Assert.Throws<InvalidDataException>(() => DecodeAll(Open(format, new byte[] { 1, 2, 3 }, long.MaxValue), 16));
        }

        var rng = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            byte[] junk = new byte[rng.Next(0, 400)];
            rng.NextBytes(junk);
            Assert.Throws<InvalidDataException>(() => DecodeAll(Open("xz", junk, 1 << 20), 64));
            if (junk.Length > 14)
            {
                junk[0] = 0x5D; // a valid lc/lp/pb byte
                junk[1] = junk[2] = junk[3] = 0;
                junk[4] = 1;    // 16 MiB dictionary
                junk[13] = 0;   // range coder start byte
                var ex = Record.Exception(() => DecodeAll(Open("alone", junk, 1 << 20), 64));
                Assert.True(ex is null || ex is InvalidDataException, ex?.ToString());
            }
        }
    }

    [Fact]
    public void Trailing_garbage_after_xz_stream_is_rejected_but_padding_is_not()
    {
        FixtureRow row = Rows.Value["text.p6.xz"];
        byte[] data = Load(row.File);

        byte[] padded = data.Concat(new byte[8]).ToArray();
        Assert.Equal(row.Sha256, DecodeAll(Open("xz", padded, long.MaxValue), 4096).Sha256);

        Assert.Throws<InvalidDataException>(() => DecodeAll(Open("xz", data.Concat(new byte[3]).ToArray(), long.MaxValue), 4096));
        Assert.Throws<InvalidDataException>(() => DecodeAll(Open("xz", data.Concat(new byte[] { 1, 2, 3, 4 }).ToArray(), long.MaxValue), 4096));
    }

    [Fact]
    public void Stream_is_read_only_and_forward_only()
    {
        using var xz = new XzDecoderStream(new MemoryStream(Load("text.p6.xz")), long.MaxValue);
        using var alone = new LzmaAloneDecoderStream(new MemoryStream(Load("text.lzma")), long.MaxValue);
        foreach (Stream s in new Stream[] { xz, alone })
        {
            Assert.True(s.CanRead);
            Assert.False(s.CanSeek);
            Assert.False(s.CanWrite);
            Assert.Throws<NotSupportedException>(() => s.Length);
            Assert.Throws<NotSupportedException>(() => s.Seek(0, SeekOrigin.Begin));
            Assert.Throws<NotSupportedException>(() => s.Write(new byte[1], 0, 1));
            Assert.Equal(0, s.Read(new byte[4], 0, 0));
        }
    }

    [Fact]
    public void Dispose_closes_the_input_unless_asked_not_to()
    {
        var owned = new MemoryStream(Load("text.p6.xz"));
        new XzDecoderStream(owned, long.MaxValue).Dispose();
        Assert.False(owned.CanRead);

        var kept = new MemoryStream(Load("text.lzma"));
        new LzmaAloneDecoderStream(kept, long.MaxValue, leaveOpen: true).Dispose();
        Assert.True(kept.CanRead);
    }

    private static IEnumerable<int> CutPoints(int length)
    {
        var points = new SortedSet<int>();
        for (int i = 0; i < Math.Min(length, 80); i++)
        {
            points.Add(i);
            points.Add(length - 1 - i);
        }

        for (int i = 0; i < 60; i++)
        {
            points.Add((int)((long)length * i / 60));
        }

        points.RemoveWhere(p => p < 0 || p >= length);
        return points;
    }

    private static IEnumerable<int> FlipPoints(int length)
    {
        var points = new SortedSet<int>();
        for (int i = 0; i < Math.Min(length, 40); i++)
        {
            points.Add(i);
            points.Add(length - 1 - i);
        }

        for (int i = 0; i < 40; i++)
        {
            points.Add((int)((long)length * i / 40));
        }

        points.RemoveWhere(p => p < 0 || p >= length);
        return points;
    }

    private static Stream Open(string format, byte[] data, long maxOutputBytes) => format switch
    {
        "xz" => new XzDecoderStream(new MemoryStream(data, writable: false), maxOutputBytes),
        "alone" => new LzmaAloneDecoderStream(new MemoryStream(data, writable: false), maxOutputBytes),
        "zip" => LzmaAloneDecoderStream.ForZipMember(new MemoryStream(data, writable: false), maxOutputBytes),
        _ => throw new ArgumentException(format),
    };

    private static (long Length, string Sha256) DecodeAll(Stream stream, int chunk, bool dispose = true)
    {
        using (dispose ? stream : null)
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            byte[] buffer = new byte[chunk + 3];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer, 3, chunk)) > 0)
            {
                Assert.InRange(n, 1, chunk);
                sha.AppendData(buffer, 3, n);
                total += n;
            }

            return (total, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant());
        }
    }

    private static string Sha256Hex(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static byte[] Load(string file) => File.ReadAllBytes(Path.Combine(DirectoryPath.Value, file));

    private static uint Crc32(byte[] data, int offset, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + count; i++)
        {
            crc ^= data[i];
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static string FindFixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PickleBuildGuard.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures", "compression", "lzma");
            }
        }

        throw new InvalidOperationException("repository root (PickleBuildGuard.sln) not found above " + AppContext.BaseDirectory);
    }
}
