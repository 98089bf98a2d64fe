using System;
using System.IO;
using System.Security.Cryptography;

namespace PickleBuildGuard.Compression;

/// <summary>
/// Read-only, forward-only decoder for the .xz container (format 1.x): every stream (concatenated streams and
/// stream padding included) and every block, with the LZMA2 filter optionally preceded by delta filters.
/// Headers, index and footer CRC32s are verified, and so are the block checks (CRC32, CRC64, SHA-256; other
/// check IDs are skipped). Output beyond <c>maxOutputBytes</c> throws <see cref="InvalidDataException"/>
/// (decompression-bomb guard); corrupt or truncated input throws <see cref="InvalidDataException"/>; filters
/// other than LZMA2 / delta and dictionaries above 256 MiB throw <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class XzDecoderStream : ReadOnlyDecoderStream
{
    private static readonly byte[] Magic = { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00 };

    private const int FilterDelta = 0x03;
    private const int FilterLzma2 = 0x21;
    private const int MaxFilters = 4;

    private enum Phase
    {
        StreamHeader,
        BlockHeader,
        BlockData,
        Index,
        AfterStream,
        Done,
    }

    private readonly Stream _source;
    private readonly XzInput _input;
    private readonly long _maxOutputBytes;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[1024];
    private Lzma2Decoder? _lzma2;
    private Phase _phase = Phase.StreamHeader;
    private long _totalOut;

    // Current stream.
    private int _streamFlags;
    private int _checkType;
    private int _checkSize;
    private long _blockCount;
    private long _sumUnpadded;
    private long _sumUncompressed;
    private readonly XzCheck _check = new();

    // Current block.
    private long _blockHeaderSize;
    private long _blockDataStart;
    private long _declaredCompressed;
    private long _declaredUncompressed;
    private long _blockOut;
    private readonly DeltaFilter[] _deltas = new DeltaFilter[MaxFilters - 1];
    private int _deltaCount;

    public XzDecoderStream(Stream input, long maxOutputBytes, bool leaveOpen = false)
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
        _input = new XzInput(input);
        _maxOutputBytes = maxOutputBytes;
        _leaveOpen = leaveOpen;
        for (int i = 0; i < _deltas.Length; i++)
        {
            _deltas[i] = new DeltaFilter();
        }
    }

    /// <summary>Bytes decoded so far.</summary>
    public long TotalOutput => _totalOut;

    protected override string FormatName => "xz";

    public override long Position
    {
        get => _totalOut;
        set => throw new NotSupportedException("The xz decoder stream cannot seek.");
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsDisposed)
        {
            _check.Dispose();
            if (!_leaveOpen)
            {
                _source.Dispose();
            }
        }

        base.Dispose(disposing);
    }


    protected override int ReadDecoded(byte[] buffer, int offset, int count)
    {
        while (true)
        {
            switch (_phase)
            {
                case Phase.StreamHeader:
                    ReadStreamHeader(_header, 0);
                    _phase = Phase.BlockHeader;
                    break;

                case Phase.BlockHeader:
                    _phase = ReadBlockHeader() ? Phase.BlockData : Phase.Index;
                    break;

                case Phase.BlockData:
                    {
                        long room = _maxOutputBytes - _totalOut;
                        int want = room < count ? (int)room + 1 : count;
                        int n = _lzma2!.Read(buffer, offset, want);
                        if (n > 0)
                        {
                            if (n > room)
                            {
                                throw LimitExceeded(_maxOutputBytes);
                            }

                            for (int i = _deltaCount - 1; i >= 0; i--)
                            {
                                _deltas[i].Decode(buffer, offset, n);
                            }

                            _check.Update(buffer, offset, n);
                            _blockOut += n;
                            _totalOut += n;
                            if (_declaredUncompressed >= 0 && _blockOut > _declaredUncompressed)
                            {
                                throw new InvalidDataException("Corrupt xz data: a block decodes to more bytes than its header declares.");
                            }

                            return n;
                        }

                        FinishBlock();
                        _phase = Phase.BlockHeader;
                        break;
                    }

                case Phase.Index:
                    ReadIndexAndFooter();
                    _phase = Phase.AfterStream;
                    break;

                case Phase.AfterStream:
                    _phase = NextStream() ? Phase.BlockHeader : Phase.Done;
                    break;

                default:
                    return 0;
            }
        }
    }

    /// <summary>Reads the 12-byte stream header; the first <paramref name="have"/> bytes are already in <paramref name="header"/>.</summary>
    private void ReadStreamHeader(byte[] header, int have)
    {
        int n = have + _input.ReadUpTo(header, have, 12 - have);
        if (n == 0)
        {
            throw new InvalidDataException("Not an xz stream: the input is empty.");
        }

        for (int i = 0; i < Magic.Length; i++)
        {
            if (i >= n || header[i] != Magic[i])
            {
                throw new InvalidDataException(i >= n ? "Truncated xz stream header." : "Not an xz stream: bad magic bytes.");
            }
        }

        if (n < 12)
        {
            throw new InvalidDataException("Truncated xz stream header.");
        }

        if (XzCheck.Crc32(header, 6, 2) != ReadUInt32(header, 8))
        {
            throw new InvalidDataException("Corrupt xz stream header: CRC32 mismatch.");
        }

        if (header[6] != 0 || (header[7] & 0xF0) != 0)
        {
            throw new NotSupportedException("Unsupported xz stream flags (a newer xz format version?).");
        }

        _streamFlags = header[7];
        _checkType = header[7] & 0x0F;
        _checkSize = _checkType == 0 ? 0 : 4 << ((_checkType - 1) / 3);
        _blockCount = 0;
        _sumUnpadded = 0;
        _sumUncompressed = 0;
    }

    /// <summary>Reads a block header; false when the index indicator came instead.</summary>
    private bool ReadBlockHeader()
    {
        int first = _input.ReadByte();
        if (first == 0)
        {
            return false;
        }

        int size = (first + 1) * 4;
        byte[] h = _header;
        h[0] = (byte)first;
        _input.ReadExact(h, 1, size - 1);
        int end = size - 4;
        if (XzCheck.Crc32(h, 0, end) != ReadUInt32(h, end))
        {
            throw new InvalidDataException("Corrupt xz block header: CRC32 mismatch.");
        }

        int flags = h[1];
        if ((flags & 0x3C) != 0)
        {
            throw new NotSupportedException("Unsupported xz block flags (a newer xz format version?).");
        }

        int p = 2;
        _declaredCompressed = -1;
        _declaredUncompressed = -1;
        if ((flags & 0x40) != 0)
        {
            _declaredCompressed = ReadVli(h, ref p, end);
            if (_declaredCompressed == 0)
            {
                throw new InvalidDataException("Corrupt xz block header: zero compressed size.");
            }
        }

        if ((flags & 0x80) != 0)
        {
            _declaredUncompressed = ReadVli(h, ref p, end);
        }

        int filterCount = (flags & 0x03) + 1;
        long dictionarySize = -1;
        _deltaCount = 0;
        for (int i = 0; i < filterCount; i++)
        {
            long id = ReadVli(h, ref p, end);
            long propsSize = ReadVli(h, ref p, end);
            if (propsSize > end - p)
            {
                throw new InvalidDataException("Corrupt xz block header: filter properties overrun the header.");
            }

            bool last = i == filterCount - 1;
            if (id == FilterLzma2)
            {
                if (!last)
                {
                    throw new InvalidDataException("Corrupt xz block header: LZMA2 must be the last filter.");
                }

                if (propsSize != 1)
                {
                    throw new InvalidDataException("Corrupt xz block header: LZMA2 properties must be one byte.");
                }

                dictionarySize = Lzma2Decoder.DictionarySize(h[p]);
            }
            else if (last)
            {
                throw id == FilterDelta
                    ? new InvalidDataException("Corrupt xz block header: the delta filter cannot be the last filter.")
                    : Unsupported(id);
            }
            else if (id == FilterDelta)
            {
                if (propsSize != 1)
                {
                    throw new InvalidDataException("Corrupt xz block header: delta properties must be one byte.");
                }

                _deltas[_deltaCount++].Reset(h[p] + 1);
            }
            else
            {
                throw Unsupported(id);
            }

            p += (int)propsSize;
        }

        for (; p < end; p++)
        {
            if (h[p] != 0)
            {
                throw new InvalidDataException("Corrupt xz block header: non-zero padding.");
            }
        }

        if (dictionarySize > LzmaDecoder.MaxDictionarySize)
        {
            throw new NotSupportedException(
                $"xz block uses a {dictionarySize / (1024 * 1024)} MiB LZMA2 dictionary; at most {LzmaDecoder.MaxDictionarySize / (1024 * 1024)} MiB is supported.");
        }

        long room = _maxOutputBytes - _totalOut;
        if (_declaredUncompressed > room)
        {
            throw LimitExceeded(_maxOutputBytes);
        }

        long outputBound = room == long.MaxValue ? room : room + 1;
        if (_declaredUncompressed >= 0)
        {
            outputBound = Math.Min(outputBound, _declaredUncompressed);
        }

        _lzma2 ??= new Lzma2Decoder(_input);
        _lzma2.Reset(LzmaDecoder.WindowSizeFor(dictionarySize, outputBound));
        _check.Start(_checkType);
        _blockHeaderSize = size;
        _blockDataStart = _input.Position;
        _blockOut = 0;
        return true;
    }

    private void FinishBlock()
    {
        long compressed = _input.Position - _blockDataStart;
        if (_declaredCompressed >= 0 && compressed != _declaredCompressed)
        {
            throw new InvalidDataException("Corrupt xz data: a block's compressed size does not match its header.");
        }

        if (_declaredUncompressed >= 0 && _blockOut != _declaredUncompressed)
        {
            throw new InvalidDataException("Corrupt xz data: a block's uncompressed size does not match its header.");
        }

        for (int pad = (int)(-compressed & 3); pad > 0; pad--)
        {
            if (_input.ReadByte() != 0)
            {
                throw new InvalidDataException("Corrupt xz data: non-zero block padding.");
            }
        }

        _input.ReadExact(_header, 0, _checkSize);
        if (!_check.Matches(_header, _checkSize))
        {
            throw new InvalidDataException("Corrupt xz data: the block check (" + XzCheck.Name(_checkType) + ") does not match the decoded data.");
        }

        _blockCount++;
        _sumUnpadded += _blockHeaderSize + compressed + _checkSize;
        _sumUncompressed += _blockOut;
    }

    private void ReadIndexAndFooter()
    {
        // The index indicator (0x00) was consumed by ReadBlockHeader.
        long start = _input.Position - 1;
        uint crc = XzCheck.Crc32Update(0xFFFFFFFFu, 0);
        long records = ReadIndexVli(ref crc);
        if (records != _blockCount)
        {
            throw new InvalidDataException("Corrupt xz index: the record count does not match the blocks.");
        }

        long sumUnpadded = 0;
        long sumUncompressed = 0;
        for (long i = 0; i < records; i++)
        {
            sumUnpadded += ReadIndexVli(ref crc);
            sumUncompressed += ReadIndexVli(ref crc);
        }

        if (sumUnpadded != _sumUnpadded || sumUncompressed != _sumUncompressed)
        {
            throw new InvalidDataException("Corrupt xz index: block sizes do not match the blocks.");
        }

        while (((_input.Position - start) & 3) != 0)
        {
            int b = _input.ReadByte();
            if (b != 0)
            {
                throw new InvalidDataException("Corrupt xz index: non-zero padding.");
            }

            crc = XzCheck.Crc32Update(crc, 0);
        }

        _input.ReadExact(_header, 0, 4);
        if ((crc ^ 0xFFFFFFFFu) != ReadUInt32(_header, 0))
        {
            throw new InvalidDataException("Corrupt xz index: CRC32 mismatch.");
        }

        long indexSize = _input.Position - start;

        _input.ReadExact(_header, 0, 12);
        if (_header[10] != (byte)'Y' || _header[11] != (byte)'Z')
        {
            throw new InvalidDataException("Corrupt xz stream footer: bad magic bytes.");
        }

        if (XzCheck.Crc32(_header, 4, 6) != ReadUInt32(_header, 0))
        {
            throw new InvalidDataException("Corrupt xz stream footer: CRC32 mismatch.");
        }

        if (_header[8] != 0 || _header[9] != _streamFlags)
        {
            throw new InvalidDataException("Corrupt xz stream footer: flags differ from the stream header.");
        }

        if (((long)ReadUInt32(_header, 4) + 1) * 4 != indexSize)
        {
            throw new InvalidDataException("Corrupt xz stream footer: backward size does not match the index.");
        }
    }

    /// <summary>Skips stream padding; true when another stream follows, false at the end of the input.</summary>
    private bool NextStream()
    {
        while (true)
        {
            int n = _input.ReadUpTo(_header, 0, 4);
            if (n == 0)
            {
                return false;
            }

            if (n < 4)
            {
                throw new InvalidDataException("Corrupt xz data: trailing bytes after the last stream.");
            }

            if (_header[0] == 0 && _header[1] == 0 && _header[2] == 0 && _header[3] == 0)
            {
                continue; // stream padding
            }

            if (_header[0] != Magic[0] || _header[1] != Magic[1] || _header[2] != Magic[2] || _header[3] != Magic[3])
            {
                throw new InvalidDataException("Corrupt xz data: trailing garbage after a stream.");
            }

            ReadStreamHeader(_header, 4);
            return true;
        }
    }

    private long ReadIndexVli(ref uint crc)
    {
        long value = 0;
        for (int i = 0; i < 9; i++)
        {
            int b = _input.ReadByte();
            crc = XzCheck.Crc32Update(crc, (byte)b);
            value |= (long)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    throw new InvalidDataException("Corrupt xz index: non-minimal integer encoding.");
                }

                return value;
            }
        }

        throw new InvalidDataException("Corrupt xz index: integer too long.");
    }

    private static long ReadVli(byte[] h, ref int p, int end)
    {
        long value = 0;
        for (int i = 0; i < 9; i++)
        {
            if (p >= end)
            {
                throw new InvalidDataException("Corrupt xz block header: truncated integer.");
            }

            int b = h[p++];
            value |= (long)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    throw new InvalidDataException("Corrupt xz block header: non-minimal integer encoding.");
                }

                return value;
            }
        }

        throw new InvalidDataException("Corrupt xz block header: integer too long.");
    }

    private static uint ReadUInt32(byte[] b, int i) =>
        b[i] | ((uint)b[i + 1] << 8) | ((uint)b[i + 2] << 16) | ((uint)b[i + 3] << 24);

    private static NotSupportedException Unsupported(long id)
    {
        string name = id switch
        {
            0x04 => "BCJ x86",
            0x05 => "BCJ PowerPC",
            0x06 => "BCJ IA-64",
            0x07 => "BCJ ARM",
            0x08 => "BCJ ARM-Thumb",
            0x09 => "BCJ SPARC",
            0x0A => "BCJ ARM64",
            0x0B => "BCJ RISC-V",
            _ => "unknown",
        };
        return new NotSupportedException($"xz filter 0x{id:X2} ({name}) is not supported; only LZMA2 and delta are.");
    }

    internal static InvalidDataException LimitExceeded(long limit) =>
        new($"Decompressed data exceeds the limit of {limit} bytes.");

    /// <summary>The xz delta filter (decoder side).</summary>
    private sealed class DeltaFilter
    {
        private readonly byte[] _history = new byte[256];
        private int _distance;
        private int _pos;

        public void Reset(int distance)
        {
            _distance = distance;
            _pos = 0;
            Array.Clear(_history, 0, _history.Length);
        }

        public void Decode(byte[] buffer, int offset, int count)
        {
            byte[] history = _history;
            int distance = _distance;
            int pos = _pos;
            for (int i = offset, end = offset + count; i < end; i++)
            {
                byte b = (byte)(buffer[i] + history[(distance + pos) & 0xFF]);
                buffer[i] = b;
                history[pos & 0xFF] = b;
                pos--;
            }

            _pos = pos & 0xFF;
        }
    }

    /// <summary>The block check: CRC32, CRC64 or SHA-256 (other IDs are skipped). CRCs use slicing-by-8 tables.</summary>
    private sealed class XzCheck : IDisposable
    {
        private static readonly ulong[] Crc64Table = BuildTables(0xC96C5795D7870F42UL);

        private int _type;
        private uint _crc32;
        private ulong _crc64;
        private IncrementalHash? _sha256;

        public static string Name(int type) => type switch
        {
            0x01 => "CRC32",
            0x04 => "CRC64",
            0x0A => "SHA-256",
            _ => "check 0x" + type.ToString("X"),
        };

        public void Start(int type)
        {
            _type = type;
            _crc32 = 0xFFFFFFFFu;
            _crc64 = ulong.MaxValue;
            if (type == 0x0A)
            {
                _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            }
        }

        public void Update(byte[] data, int offset, int count)
        {
            switch (_type)
            {
                case 0x01:
                    _crc32 = Compression.Crc32.Update(_crc32, data, offset, count);
                    break;
                case 0x04:
                    _crc64 = UpdateCrc64(_crc64, data, offset, count);
                    break;
                case 0x0A:
                    _sha256!.AppendData(data, offset, count);
                    break;
            }
        }

        /// <summary>Compares the stored check (first <paramref name="size"/> bytes of <paramref name="stored"/>); unknown types pass.</summary>
        public bool Matches(byte[] stored, int size)
        {
            switch (_type)
            {
                case 0x01:
                    return ReadUInt32(stored, 0) == (_crc32 ^ 0xFFFFFFFFu);
                case 0x04:
                    return (ReadUInt32(stored, 0) | ((ulong)ReadUInt32(stored, 4) << 32)) == (_crc64 ^ ulong.MaxValue);
                case 0x0A:
                    {
                        byte[] digest = _sha256!.GetHashAndReset();
                        bool equal = size == digest.Length;
                        for (int i = 0; equal && i < digest.Length; i++)
                        {
                            equal = digest[i] == stored[i];
                        }

                        return equal;
                    }

                default:
                    return true;
            }
        }

        public void Dispose() => _sha256?.Dispose();

        public static uint Crc32(byte[] data, int offset, int count) => Compression.Crc32.Compute(data, offset, count);

        public static uint Crc32Update(uint crc, byte b) => Compression.Crc32.Update(crc, b);

        [System.Runtime.CompilerServices.MethodImpl(LzmaDecoder.HotLoop)]
        private static ulong UpdateCrc64(ulong crc, byte[] data, int offset, int count)
        {
            ulong[] t = Crc64Table;
            int i = offset;
            int end = offset + count;
            for (; end - i >= 8; i += 8)
            {
                uint lo = data[i] | ((uint)data[i + 1] << 8) | ((uint)data[i + 2] << 16) | ((uint)data[i + 3] << 24);
                uint hi = data[i + 4] | ((uint)data[i + 5] << 8) | ((uint)data[i + 6] << 16) | ((uint)data[i + 7] << 24);
                ulong a = crc ^ (lo | ((ulong)hi << 32));
                crc = t[(7 * 256) + (int)(a & 0xFF)] ^ t[(6 * 256) + (int)((a >> 8) & 0xFF)] ^ t[(5 * 256) + (int)((a >> 16) & 0xFF)] ^ t[(4 * 256) + (int)((a >> 24) & 0xFF)]
                    ^ t[(3 * 256) + (int)((a >> 32) & 0xFF)] ^ t[(2 * 256) + (int)((a >> 40) & 0xFF)] ^ t[256 + (int)((a >> 48) & 0xFF)] ^ t[(int)(a >> 56)];
            }

            for (; i < end; i++)
            {
                crc = t[(int)((crc ^ data[i]) & 0xFF)] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>Slicing-by-8 tables for a reflected CRC: table k advances a byte followed by k zero bytes.</summary>
        private static ulong[] BuildTables(ulong polynomial)
        {
            var t = new ulong[8 * 256];
            for (ulong i = 0; i < 256; i++)
            {
                ulong c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
                }

                t[i] = c;
            }

            for (int i = 256; i < t.Length; i++)
            {
                ulong prev = t[i - 256];
                t[i] = (prev >> 8) ^ t[(int)(prev & 0xFF)];
            }

            return t;
        }
    }
}
