using System;
using System.IO;

namespace PickleBuildGuard.Compression;

/// <summary>
/// Read-only, forward-only decoder for raw LZMA1 data: the legacy ".lzma" ("LZMA alone") format with its
/// 13-byte header (properties byte, 32-bit dictionary size, 64-bit uncompressed size or all ones for "unknown,
/// ends with the end marker"), or, through <see cref="ForZipMember"/>, the body of a zip entry with compression
/// method 14. Same contract as <see cref="XzDecoderStream"/>: <see cref="InvalidDataException"/> for corrupt or
/// truncated input and once output would exceed <c>maxOutputBytes</c>; <see cref="NotSupportedException"/> for
/// dictionaries above 256 MiB.
/// </summary>
internal sealed class LzmaAloneDecoderStream : ReadOnlyDecoderStream
{
    private readonly Stream _source;
    private readonly long _maxOutputBytes;
    private readonly bool _leaveOpen;
    private readonly bool _zipMember;
    private readonly LzmaDecoder _lzma = new() { AllowEndMarker = true };
    private long _knownSize;
    private long _totalOut;
    private bool _started;
    private bool _done;

    /// <summary>Decodes a ".lzma" (LZMA alone) stream.</summary>
    public LzmaAloneDecoderStream(Stream input, long maxOutputBytes, bool leaveOpen = false)
        : this(input, maxOutputBytes, leaveOpen, zipMember: false, uncompressedSize: -1)
    {
    }

    private LzmaAloneDecoderStream(Stream input, long maxOutputBytes, bool leaveOpen, bool zipMember, long uncompressedSize)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        if (!input.CanRead)
        {
            throw new ArgumentException("The input stream must be readable.", nameof(input));
        }

        if (maxOutputBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOutputBytes));
        }

        _source = input;
        _maxOutputBytes = maxOutputBytes;
        _leaveOpen = leaveOpen;
        _zipMember = zipMember;
        _knownSize = uncompressedSize < 0 ? -1 : uncompressedSize;
    }

    /// <summary>
    /// Decodes the data of a zip entry stored with compression method 14 (LZMA): 2 version bytes, a 2-byte
    /// little-endian properties length (5), the 5 properties bytes, then raw LZMA1 data. Pass the entry's
    /// uncompressed size when known; with -1 the data must end with the end-of-payload marker (general-purpose
    /// flag bit 1, which Python's zipfile always sets).
    /// </summary>
    public static LzmaAloneDecoderStream ForZipMember(Stream input, long maxOutputBytes, long uncompressedSize = -1, bool leaveOpen = false) =>
        new(input, maxOutputBytes, leaveOpen, zipMember: true, uncompressedSize);

    /// <summary>Bytes decoded so far.</summary>
    public long TotalOutput => _totalOut;

    /// <summary>Compressed bytes read ahead from the input but not part of what was decoded so far.</summary>
    public int UnusedInput => _lzma.BufferedInput;

    protected override string FormatName => "LZMA";

    public override long Position
    {
        get => _totalOut;
        set => throw new NotSupportedException("The LZMA decoder stream cannot seek.");
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            if (!_leaveOpen)
            {
                _source.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    protected override int ReadDecoded(byte[] buffer, int offset, int count)
    {
        if (!_started)
        {
            _started = true;
            Start();
        }

        if (_done)
        {
            return 0;
        }

        int want = count;
        if (_knownSize >= 0)
        {
            long left = _knownSize - _totalOut;
            if (left == 0)
            {
                _done = true;
                return 0;
            }

            if (left < want)
            {
                want = (int)left;
            }
        }

        long room = _maxOutputBytes - _totalOut;
        if (room < want)
        {
            want = (int)room + 1;
        }

        int n = _lzma.Decode(buffer, offset, want);
        if (n == 0)
        {
            // End-of-payload marker.
            if (_knownSize >= 0 && _totalOut != _knownSize)
            {
                throw new InvalidDataException("Corrupt LZMA data: the end marker comes before the declared uncompressed size.");
            }

            _done = true;
            return 0;
        }

        if (n > room)
        {
            throw XzDecoderStream.LimitExceeded(_maxOutputBytes);
        }

        _totalOut += n;
        return n;
    }

    private void Start()
    {
        byte[] header = new byte[13];
        int props;
        long dictionarySize;
        if (_zipMember)
        {
            ReadHeader(header, 9, "zip LZMA header");
            int propsSize = header[2] | (header[3] << 8);
            if (propsSize != 5)
            {
                throw new InvalidDataException($"Corrupt zip LZMA header: properties size is {propsSize}, expected 5.");
            }

            props = header[4];
            dictionarySize = ReadUInt32(header, 5);
        }
        else
        {
            ReadHeader(header, 13, ".lzma header");
            props = header[0];
            dictionarySize = ReadUInt32(header, 1);
            ulong size = ReadUInt32(header, 5) | ((ulong)ReadUInt32(header, 9) << 32);
            if (size == ulong.MaxValue)
            {
                _knownSize = -1;
            }
            else if (size > long.MaxValue)
            {
                throw new InvalidDataException("Corrupt .lzma header: implausible uncompressed size.");
            }
            else
            {
                _knownSize = (long)size;
            }
        }

        LzmaDecoder.DecodeProperties(props, out int lc, out int lp, out int pb);
        if (dictionarySize > LzmaDecoder.MaxDictionarySize)
        {
            throw new NotSupportedException(
                $"LZMA data uses a {dictionarySize / (1024 * 1024)} MiB dictionary; at most {LzmaDecoder.MaxDictionarySize / (1024 * 1024)} MiB is supported.");
        }

        if (_knownSize > _maxOutputBytes)
        {
            throw XzDecoderStream.LimitExceeded(_maxOutputBytes);
        }

        if (_knownSize == 0)
        {
            _done = true;
            return;
        }

        long outputBound = _maxOutputBytes == long.MaxValue ? long.MaxValue : _maxOutputBytes + 1;
        if (_knownSize > 0)
        {
            outputBound = Math.Min(outputBound, _knownSize);
        }

        _lzma.SetProperties(lc, lp, pb);
        _lzma.ResetState();
        _lzma.SetWindowSize(LzmaDecoder.WindowSizeFor(Math.Max(dictionarySize, 4096), outputBound));
        _lzma.AttachStream(_source);
        _lzma.InitRangeDecoder();
    }

    private void ReadHeader(byte[] header, int length, string what)
    {
        int total = 0;
        while (total < length)
        {
            int n = _source.Read(header, total, length - total);
            if (n <= 0)
            {
                throw new InvalidDataException(total == 0 ? $"Not LZMA data: the input is empty (no {what})." : $"Truncated {what}.");
            }

            total += n;
        }
    }

    private static uint ReadUInt32(byte[] b, int i) =>
        b[i] | ((uint)b[i + 1] << 8) | ((uint)b[i + 2] << 16) | ((uint)b[i + 3] << 24);
}
