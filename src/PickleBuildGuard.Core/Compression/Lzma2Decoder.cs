using System;
using System.IO;

namespace PickleBuildGuard.Compression;

/// <summary>
/// LZMA2 chunk layer (the only compression filter of .xz): a sequence of LZMA chunks (each with its own range
/// coder, at most 2 MiB out / 64 KiB in, optionally resetting state, properties and dictionary) and uncompressed
/// chunks, terminated by a 0x00 control byte.
/// </summary>
internal sealed class Lzma2Decoder
{
    private readonly XzInput _input;
    private readonly LzmaDecoder _lzma = new() { AllowEndMarker = false };
    private int _chunkLeft;
    private bool _chunkIsLzma;
    private bool _needDictionaryReset = true;
    private bool _needProperties = true;
    private bool _end;

    public Lzma2Decoder(XzInput input)
    {
        _input = input;
    }

    /// <summary>Decodes the LZMA2 dictionary-size byte of the xz filter properties.</summary>
    public static long DictionarySize(int props)
    {
        if ((props & 0xC0) != 0 || props > 40)
        {
            throw new InvalidDataException($"Invalid LZMA2 dictionary size byte 0x{props:X2}.");
        }

        return props == 40 ? 0xFFFFFFFFL : (2L | (uint)(props & 1)) << ((props / 2) + 11);
    }

    /// <summary>Prepares for a new LZMA2 stream (an xz block) with the given window size.</summary>
    public void Reset(int windowSize)
    {
        _lzma.SetWindowSize(windowSize);
        _chunkLeft = 0;
        _chunkIsLzma = false;
        _needDictionaryReset = true;
        _needProperties = true;
        _end = false;
    }

    /// <summary>Decodes up to <paramref name="count"/> bytes; 0 means the LZMA2 end marker was reached.</summary>
    public int Read(byte[] buffer, int offset, int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        while (!_end)
        {
            if (_chunkLeft == 0)
            {
                ReadChunkHeader();
                continue;
            }

            int want = Math.Min(count, _chunkLeft);
            int n = _chunkIsLzma
                ? _lzma.Decode(buffer, offset, want)
                : _lzma.CopyUncompressed(_input, buffer, offset, want);
            if (n <= 0)
            {
                throw new InvalidDataException("Corrupt LZMA2 data: a chunk produced no output.");
            }

            _chunkLeft -= n;
            if (_chunkLeft == 0 && _chunkIsLzma && !_lzma.FinishChunk())
            {
                throw new InvalidDataException("Corrupt LZMA2 data: a chunk's compressed size does not match its contents.");
            }

            return n;
        }

        return 0;
    }

    private void ReadChunkHeader()
    {
        int control = _input.ReadByte();
        if (control == 0x00)
        {
            _end = true;
            return;
        }

        if (control >= 0xE0 || control == 0x01)
        {
            _needProperties = true;
            _needDictionaryReset = false;
            _lzma.ResetDictionary();
        }
        else if (_needDictionaryReset)
        {
            throw new InvalidDataException("Corrupt LZMA2 data: the first chunk does not reset the dictionary.");
        }

        if (control >= 0x80)
        {
            _chunkIsLzma = true;
            _chunkLeft = ((control & 0x1F) << 16) + ReadUInt16BigEndian() + 1;
            int compressed = ReadUInt16BigEndian() + 1;
            if (control >= 0xC0)
            {
                _needProperties = false;
                LzmaDecoder.DecodeProperties(_input.ReadByte(), out int lc, out int lp, out int pb);
                if (lc + lp > 4)
                {
                    throw new InvalidDataException("Corrupt LZMA2 data: lc + lp exceeds 4.");
                }

                _lzma.SetProperties(lc, lp, pb);
                _lzma.ResetState();
            }
            else if (_needProperties)
            {
                throw new InvalidDataException("Corrupt LZMA2 data: a chunk after a dictionary reset does not set properties.");
            }
            else if (control >= 0xA0)
            {
                _lzma.ResetState();
            }

            _input.ReadExact(_lzma.InputBuffer, 0, compressed);
            _lzma.BeginChunk(compressed);
        }
        else if (control > 0x02)
        {
            throw new InvalidDataException($"Corrupt LZMA2 data: invalid control byte 0x{control:X2}.");
        }
        else
        {
            _chunkIsLzma = false;
            _chunkLeft = ReadUInt16BigEndian() + 1;
        }
    }

    private int ReadUInt16BigEndian()
    {
        int hi = _input.ReadByte();
        return (hi << 8) | _input.ReadByte();
    }
}

/// <summary>Buffered, forward-only reader over the compressed input that counts the bytes consumed.</summary>
internal sealed class XzInput
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos;
    private int _length;
    private long _consumedBefore;
    private bool _eof;

    public XzInput(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Bytes consumed so far.</summary>
    public long Position => _consumedBefore + _pos;

    /// <summary>Reads one byte; a missing byte means the input is truncated.</summary>
    public int ReadByte()
    {
        if (_pos == _length && !Fill())
        {
            throw Truncated();
        }

        return _buffer[_pos++];
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes or throws <see cref="InvalidDataException"/>.</summary>
    public void ReadExact(byte[] destination, int offset, int count)
    {
        if (ReadUpTo(destination, offset, count) != count)
        {
            throw Truncated();
        }
    }

    /// <summary>Reads up to <paramref name="count"/> bytes; fewer only at the end of the input.</summary>
    public int ReadUpTo(byte[] destination, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            if (_pos == _length && !Fill())
            {
                break;
            }

            int n = Math.Min(count - total, _length - _pos);
            Buffer.BlockCopy(_buffer, _pos, destination, offset + total, n);
            _pos += n;
            total += n;
        }

        return total;
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _consumedBefore += _length;
        _pos = 0;
        _length = 0;
        int n = _stream.Read(_buffer, 0, _buffer.Length);
        if (n <= 0)
        {
            _eof = true;
            return false;
        }

        _length = n;
        return true;
    }

    private static InvalidDataException Truncated() => new("Truncated xz data: the input ended early.");
}
