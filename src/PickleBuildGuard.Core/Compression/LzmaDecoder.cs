using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Compression;

/// <summary>
/// LZMA1 decoder core (range decoder, probability model, literal / match / rep decoding and the LZ window),
/// written from the LZMA specification. It decodes into a circular window and hands out the new bytes;
/// <see cref="Lzma2Decoder"/> drives it chunk by chunk for .xz, <see cref="LzmaAloneDecoderStream"/> from a stream.
/// </summary>
/// <remarks>
/// Input is read from <see cref="InputBuffer"/>, which always has <see cref="InputMargin"/> readable bytes past
/// its limit: the symbol loop runs only while at least that much lookahead exists (one symbol reads at most
/// ~50 bytes), so the hot path never checks for the end of input. When the real input has ended, the margin is
/// zero-filled and reading into it is reported as truncation. Every array index is bounded by construction
/// (distances are checked against the bytes actually in the window), so corrupt input can only produce
/// <see cref="InvalidDataException"/>.
/// </remarks>
internal sealed class LzmaDecoder
{
    /// <summary>Largest dictionary the decoders accept (memory bound).</summary>
    public const long MaxDictionarySize = 256L << 20;

    /// <summary>Readable bytes kept past the input limit.</summary>
    public const int InputMargin = 128;

    /// <summary>Capacity of <see cref="InputBuffer"/> for real input (an LZMA2 chunk is at most 64 KiB).</summary>
    public const int InputCapacity = 1 << 16;

    /// <summary>Long-running loops are compiled fully optimised at once (tiered JIT would run them as OSR code first).</summary>
#if NET
    internal const MethodImplOptions HotLoop = MethodImplOptions.AggressiveOptimization;
#else
    internal const MethodImplOptions HotLoop = 0;
#endif

    private const int WindowGranularity = 4096;
    private const int InitialWindow = 1 << 16;
    private const uint TopValue = 1u << 24;
    private const int ProbInit = 1024;

    private const int NumStates = 12;
    private const int PosStatesMax = 16;
    private const int IsMatchBase = 0;
    private const int IsRepBase = IsMatchBase + (NumStates * PosStatesMax);
    private const int IsRep0Base = IsRepBase + NumStates;
    private const int IsRep1Base = IsRep0Base + NumStates;
    private const int IsRep2Base = IsRep1Base + NumStates;
    private const int IsRep0LongBase = IsRep2Base + NumStates;
    private const int DistSlotBase = IsRep0LongBase + (NumStates * PosStatesMax);
    private const int SpecPosBase = DistSlotBase + (4 * 64);
    private const int AlignBase = SpecPosBase + 114;
    private const int LenChoice = 0;
    private const int LenChoice2 = 1;
    private const int LenLow = 2;
    private const int LenMid = LenLow + (PosStatesMax * 8);
    private const int LenHigh = LenMid + (PosStatesMax * 8);
    private const int LenCoderSize = LenHigh + 256;
    private const int MatchLenBase = AlignBase + 16;
    private const int RepLenBase = MatchLenBase + LenCoderSize;
    private const int LiteralBase = RepLenBase + LenCoderSize;

    // Window: a circular buffer of _bufSize bytes. It starts small and grows (before it ever wraps) up to
    // _windowSize, so small outputs never pay for a large dictionary.
    private byte[]? _dict;
    private int _windowSize = WindowGranularity;
    private int _bufSize;
    private bool _windowResetPending = true;
    private int _pos;
    private int _full;
    private int _limit;
    private int _pendingLen;
    private uint _pendingDist;

    // Model.
    private ushort[]? _probs;
    private int _lc;
    private int _lp;
    private int _literalPosMask;
    private int _posMask;
    private int _state;
    private uint _rep0;
    private uint _rep1;
    private uint _rep2;
    private uint _rep3;
    private bool _propertiesSet;

    // Range decoder and its input.
    private readonly byte[] _in = new byte[InputCapacity + InputMargin];
    private int _inPos;
    private int _inLimit;
    private int _inSafeLimit;
    private bool _inEnd = true;
    private Stream? _source;
    private uint _range;
    private uint _code;
    private bool _endMarker;

    /// <summary>Whether the end-of-payload marker may appear (LZMA1 only; LZMA2 chunks never contain it).</summary>
    public bool AllowEndMarker { get; set; }

    /// <summary>True once the end-of-payload marker was decoded (and the range decoder finished cleanly).</summary>
    public bool EndMarkerReached => _endMarker;

    /// <summary>Input buffer an LZMA2 chunk is copied into before <see cref="BeginChunk"/>.</summary>
    public byte[] InputBuffer => _in;

    /// <summary>Splits an LZMA properties byte into lc / lp / pb.</summary>
    public static void DecodeProperties(int props, out int lc, out int lp, out int pb)
    {
        if (props < 0 || props >= 9 * 5 * 5)
        {
            throw new InvalidDataException($"Invalid LZMA properties byte 0x{props:X2}.");
        }

        lc = props % 9;
        props /= 9;
        lp = props % 5;
        pb = props / 5;
    }

    /// <summary>The window size to allocate: the dictionary size, but never more than the output can use, in whole pages.</summary>
    public static int WindowSizeFor(long dictionarySize, long outputBound)
    {
        long size = Math.Min(Math.Max(dictionarySize, 1), Math.Max(outputBound, 1));
        size = Math.Min(size, MaxDictionarySize);
        size = (size + WindowGranularity - 1) / WindowGranularity * WindowGranularity;
        return (int)size;
    }

    /// <summary>Sets the window size (a multiple of 4096, see <see cref="WindowSizeFor"/>) and schedules a dictionary reset. Memory is allocated on first use.</summary>
    public void SetWindowSize(int size)
    {
        if (size <= 0 || size % WindowGranularity != 0 || size > MaxDictionarySize)
        {
            throw new ArgumentOutOfRangeException(nameof(size));
        }

        _windowSize = size;
        ResetDictionary();
    }

    /// <summary>Forgets the window contents (LZMA2 dictionary reset).</summary>
    public void ResetDictionary()
    {
        _windowResetPending = true;
        _pendingLen = 0;
    }

    /// <summary>Sets lc / lp / pb; call <see cref="ResetState"/> afterwards.</summary>
    public void SetProperties(int lc, int lp, int pb)
    {
        if ((uint)lc > 8 || (uint)lp > 4 || (uint)pb > 4)
        {
            throw new InvalidDataException("Invalid LZMA properties.");
        }

        int size = LiteralBase + (0x300 << (lc + lp));
        if (_probs is null || _probs.Length < size)
        {
            _probs = new ushort[size];
        }

        _lc = lc;
        _lp = lp;
        _literalPosMask = (1 << lp) - 1;
        _posMask = (1 << pb) - 1;
        _propertiesSet = true;
    }

    /// <summary>Resets the probability model, the state and the rep distances.</summary>
    public void ResetState()
    {
        if (!_propertiesSet)
        {
            throw new InvalidOperationException("LZMA properties are not set.");
        }

        ushort[] probs = _probs!;
        int used = LiteralBase + (0x300 << (_lc + _lp));
        for (int i = 0; i < used; i++)
        {
            probs[i] = ProbInit;
        }

        _state = 0;
        _rep0 = _rep1 = _rep2 = _rep3 = 0;
        _pendingLen = 0;
    }

    /// <summary>Input bytes read from the attached stream but not consumed by the range decoder (read-ahead).</summary>
    public int BufferedInput => _source is null ? 0 : _inLimit - _inPos;

    /// <summary>Streams compressed input from <paramref name="source"/> (LZMA1 with unknown compressed size).</summary>
    public void AttachStream(Stream source)
    {
        _source = source;
        _inPos = 0;
        _inLimit = 0;
        _inSafeLimit = -1;
        _inEnd = false;
    }

    /// <summary>Starts a range-coded chunk whose <paramref name="length"/> bytes were copied to the start of <see cref="InputBuffer"/>.</summary>
    public void BeginChunk(int length)
    {
        if ((uint)length > InputCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        _source = null;
        _inPos = 0;
        _inLimit = length;
        _inEnd = true;
        Array.Clear(_in, length, InputMargin);
        _inSafeLimit = length;
        InitRangeDecoder();
    }

    /// <summary>Reads the five range-decoder initialisation bytes.</summary>
    public void InitRangeDecoder()
    {
        EnsureInput(5);
        if (_in[_inPos] != 0)
        {
            throw new InvalidDataException("Corrupt LZMA data: the range coder does not start with a zero byte.");
        }

        _code = ((uint)_in[_inPos + 1] << 24) | ((uint)_in[_inPos + 2] << 16) | ((uint)_in[_inPos + 3] << 8) | _in[_inPos + 4];
        _inPos += 5;
        _range = 0xFFFFFFFFu;
        if (_code == _range)
        {
            throw new InvalidDataException("Corrupt LZMA data: invalid range coder start.");
        }

        _endMarker = false;
    }

    /// <summary>
    /// After the last byte of an LZMA2 chunk: true when the range decoder consumed exactly the chunk and ended
    /// cleanly and no match is left half-copied.
    /// </summary>
    public bool FinishChunk()
    {
        if (_range < TopValue)
        {
            _range <<= 8;
            _code = (_code << 8) | _in[_inPos++];
        }

        return _pendingLen == 0 && _inPos == _inLimit && _code == 0;
    }

    /// <summary>
    /// Decodes up to <paramref name="count"/> bytes into <paramref name="buffer"/>. Returns fewer when the window
    /// wraps (call again) and 0 only after the end marker.
    /// </summary>
    public int Decode(byte[] buffer, int offset, int count)
    {
        if (count <= 0 || _endMarker)
        {
            return 0;
        }

        if (!_propertiesSet)
        {
            throw new InvalidOperationException("LZMA properties are not set.");
        }

        byte[] dict = EnsureWindow();
        int start = _pos;
        _limit = _bufSize - _pos <= count ? _bufSize : _pos + count;
        if (_pendingLen > 0)
        {
            int left = Math.Min(_limit - _pos, _pendingLen);
            _pendingLen -= left;
            _pos = CopyMatch(dict, _pos, _pendingDist, left, _bufSize);
        }

        while (_pos < _limit && !_endMarker)
        {
            if (_inPos > _inSafeLimit)
            {
                if (_inEnd)
                {
                    throw Truncated();
                }

                Refill();
                continue;
            }

            DecodeSymbols(dict);
        }

        if (_inEnd && _inPos > _inLimit)
        {
            throw Truncated();
        }

        int n = _pos - start;
        Buffer.BlockCopy(dict, start, buffer, offset, n);
        AfterWrite();
        return n;
    }

    /// <summary>Copies an LZMA2 uncompressed chunk's bytes from <paramref name="input"/> into the window and to <paramref name="buffer"/>.</summary>
    public int CopyUncompressed(XzInput input, byte[] buffer, int offset, int count)
    {
        byte[] dict = EnsureWindow();
        int n = Math.Min(count, _bufSize - _pos);
        input.ReadExact(dict, _pos, n);
        Buffer.BlockCopy(dict, _pos, buffer, offset, n);
        _pos += n;
        AfterWrite();
        return n;
    }

    private byte[] EnsureWindow()
    {
        byte[]? dict = _dict;
        if (dict is null)
        {
            _dict = dict = new byte[Math.Min(_windowSize, InitialWindow)];
            _windowResetPending = true;
        }

        if (_windowResetPending)
        {
            _windowResetPending = false;
            _bufSize = Math.Min(dict.Length, _windowSize);
            _pos = 0;
            _full = 0;
            _pendingLen = 0;
            dict[_bufSize - 1] = 0; // the "previous byte" of the first literal
        }

        return dict;
    }

    /// <summary>After output was flushed: at the end of the buffer, grow it (it has not wrapped yet) or wrap.</summary>
    private void AfterWrite()
    {
        if (_full < _pos)
        {
            _full = _pos;
        }

        if (_pos != _bufSize)
        {
            return;
        }

        if (_bufSize < _windowSize)
        {
            // Nothing has wrapped yet: the buffer holds the output linearly in [0, _pos).
            int size = (int)Math.Min((long)_bufSize * 4, _windowSize);
            byte[] dict = _dict!;
            if (dict.Length < size)
            {
                var bigger = new byte[size];
                Buffer.BlockCopy(dict, 0, bigger, 0, _pos);
                _dict = bigger;
            }

            _bufSize = size;
        }
        else
        {
            _pos = 0;
        }
    }

    private void EnsureInput(int n)
    {
        while (_inLimit - _inPos < n && !_inEnd)
        {
            Refill();
        }

        if (_inLimit - _inPos < n)
        {
            throw Truncated();
        }
    }

    private void Refill()
    {
        Stream source = _source ?? throw Truncated();
        int keep = _inLimit - _inPos;
        if (keep > 0)
        {
            Buffer.BlockCopy(_in, _inPos, _in, 0, keep);
        }

        _inPos = 0;
        _inLimit = Math.Max(keep, 0);
        while (_inLimit < InputCapacity)
        {
            int n = source.Read(_in, _inLimit, InputCapacity - _inLimit);
            if (n <= 0)
            {
                _inEnd = true;
                break;
            }

            _inLimit += n;
            if (_inLimit >= InputMargin + 4096)
            {
                break;
            }
        }

        if (_inEnd)
        {
            Array.Clear(_in, _inLimit, InputMargin);
            _inSafeLimit = _inLimit;
        }
        else
        {
            _inSafeLimit = _inLimit - InputMargin;
        }
    }

    /// <summary>The symbol loop: runs until the output limit, the end marker or the input lookahead runs out.</summary>
    /// <remarks>
    /// Compiled fully optimised at once: it is called rarely but loops long, and tiered compilation would otherwise
    /// run it as on-stack-replacement code without the <see cref="Bit"/> inlining the range decoder depends on.
    /// </remarks>
    [MethodImpl(HotLoop)]
    private void DecodeSymbols(byte[] dict)
    {
        ushort[] probs = _probs!;
        byte[] input = _in;
        int inPos = _inPos;
        int inSafe = _inSafeLimit;
        uint range = _range;
        uint code = _code;
        int pos = _pos;
        int limit = _limit;
        int full = _full;
        int windowSize = _bufSize;
        int state = _state;
        uint rep0 = _rep0;
        uint rep1 = _rep1;
        uint rep2 = _rep2;
        uint rep3 = _rep3;
        int posMask = _posMask;
        int literalPosMask = _literalPosMask;
        int lc = _lc;

        while (pos < limit && inPos <= inSafe)
        {
            int posState = pos & posMask;
            if (Bit(probs, IsMatchBase + (state << 4) + posState, ref range, ref code, input, ref inPos) == 0)
            {
                int prev = dict[(pos == 0 ? windowSize : pos) - 1];
                int lit = LiteralBase + (0x300 * (((pos & literalPosMask) << lc) + (prev >> (8 - lc))));
                uint symbol = 1;
                if (state < 7)
                {
                    do
                    {
                        symbol = (symbol << 1) | Bit(probs, lit + (int)symbol, ref range, ref code, input, ref inPos);
                    }
                    while (symbol < 0x100);
                }
                else
                {
                    int back = pos - (int)rep0 - 1;
                    if (back < 0)
                    {
                        back += windowSize;
                    }

                    uint matchByte = dict[back];
                    uint offs = 0x100;
                    do
                    {
                        matchByte <<= 1;
                        uint matchBit = matchByte & offs;
                        uint bit = Bit(probs, lit + (int)(offs + matchBit + symbol), ref range, ref code, input, ref inPos);
                        symbol = (symbol << 1) | bit;
                        offs &= bit != 0 ? matchBit : ~matchBit;
                    }
                    while (symbol < 0x100);
                }

                dict[pos++] = (byte)symbol;
                state = state < 4 ? 0 : (state < 10 ? state - 3 : state - 6);
                continue;
            }

            uint len;
            if (Bit(probs, IsRepBase + state, ref range, ref code, input, ref inPos) == 0)
            {
                // Plain match: length, then distance.
                state = state < 7 ? 7 : 10;
                rep3 = rep2;
                rep2 = rep1;
                rep1 = rep0;
                len = DecodeLength(probs, MatchLenBase, posState, ref range, ref code, input, ref inPos);
                int slotBase = DistSlotBase + ((len < 4 ? (int)len : 3) << 6);
                uint slot = 1;
                do
                {
                    slot = (slot << 1) | Bit(probs, slotBase + (int)slot, ref range, ref code, input, ref inPos);
                }
                while (slot < 64);
                slot -= 64;

                uint dist;
                if (slot < 4)
                {
                    dist = slot;
                }
                else
                {
                    int numDirect = (int)(slot >> 1) - 1;
                    dist = (2 | (slot & 1)) << numDirect;
                    if (slot < 14)
                    {
                        int specBase = SpecPosBase + (int)dist - (int)slot - 1;
                        uint mask = 1;
                        uint i = 1;
                        do
                        {
                            uint bit = Bit(probs, specBase + (int)i, ref range, ref code, input, ref inPos);
                            i = (i << 1) | bit;
                            dist |= mask & (0u - bit);
                            mask <<= 1;
                        }
                        while (--numDirect != 0);
                    }
                    else
                    {
                        numDirect -= 4;
                        uint direct = 0;
                        do
                        {
                            if (range < TopValue)
                            {
                                range <<= 8;
                                code = (code << 8) | input[inPos++];
                            }

                            range >>= 1;
                            uint t = code >= range ? 1u : 0u;
                            code -= range & (0u - t);
                            direct = (direct << 1) | t;
                        }
                        while (--numDirect != 0);

                        dist += direct << 4;
                        uint i = 1;
                        for (int k = 0; k < 4; k++)
                        {
                            uint bit = Bit(probs, AlignBase + (int)i, ref range, ref code, input, ref inPos);
                            i = (i << 1) | bit;
                            dist |= bit << k;
                        }

                        if (dist == 0xFFFFFFFFu)
                        {
                            SaveState(inPos, range, code, pos, full, state, rep0, rep1, rep2, rep3);
                            FinishEndMarker();
                            return;
                        }
                    }
                }

                rep0 = dist;
            }
            else
            {
                if (Bit(probs, IsRep0Base + state, ref range, ref code, input, ref inPos) == 0)
                {
                    if (Bit(probs, IsRep0LongBase + (state << 4) + posState, ref range, ref code, input, ref inPos) == 0)
                    {
                        // Short rep: one byte at distance rep0.
                        if (full < pos)
                        {
                            full = pos;
                        }

                        if (rep0 >= (uint)full)
                        {
                            throw BadDistance();
                        }

                        state = state < 7 ? 9 : 11;
                        int back = pos - (int)rep0 - 1;
                        if (back < 0)
                        {
                            back += windowSize;
                        }

                        dict[pos] = dict[back];
                        pos++;
                        continue;
                    }
                }
                else
                {
                    uint dist;
                    if (Bit(probs, IsRep1Base + state, ref range, ref code, input, ref inPos) == 0)
                    {
                        dist = rep1;
                    }
                    else
                    {
                        if (Bit(probs, IsRep2Base + state, ref range, ref code, input, ref inPos) == 0)
                        {
                            dist = rep2;
                        }
                        else
                        {
                            dist = rep3;
                            rep3 = rep2;
                        }

                        rep2 = rep1;
                    }

                    rep1 = rep0;
                    rep0 = dist;
                }

                state = state < 7 ? 8 : 11;
                len = DecodeLength(probs, RepLenBase, posState, ref range, ref code, input, ref inPos);
            }

            if (full < pos)
            {
                full = pos;
            }

            if (rep0 >= (uint)full)
            {
                throw BadDistance();
            }

            int total = (int)len + 2;
            int copy = Math.Min(limit - pos, total);
            if (copy < total)
            {
                _pendingLen = total - copy;
                _pendingDist = rep0;
            }

            pos = CopyMatch(dict, pos, rep0, copy, windowSize);
        }

        SaveState(inPos, range, code, pos, full, state, rep0, rep1, rep2, rep3);
    }

    private void SaveState(int inPos, uint range, uint code, int pos, int full, int state, uint rep0, uint rep1, uint rep2, uint rep3)
    {
        _inPos = inPos;
        _range = range;
        _code = code;
        _pos = pos;
        _full = full < pos ? pos : full;
        _state = state;
        _rep0 = rep0;
        _rep1 = rep1;
        _rep2 = rep2;
        _rep3 = rep3;
    }

    private void FinishEndMarker()
    {
        if (!AllowEndMarker)
        {
            throw new InvalidDataException("Corrupt LZMA2 data: unexpected end-of-payload marker.");
        }

        if (_range < TopValue)
        {
            _range <<= 8;
            _code = (_code << 8) | _in[_inPos++];
        }

        if (_inEnd && _inPos > _inLimit)
        {
            throw Truncated();
        }

        if (_code != 0)
        {
            throw new InvalidDataException("Corrupt LZMA data: the range coder did not end cleanly at the end marker.");
        }

        _endMarker = true;
    }

    /// <summary>Copies <paramref name="count"/> bytes from distance <paramref name="dist"/> (already validated) to <paramref name="pos"/>; returns the new position.</summary>
    private static int CopyMatch(byte[] dict, int pos, uint dist, int count, int windowSize)
    {
        int back = pos - (int)dist - 1;
        if (back < 0)
        {
            back += windowSize;
        }

        if (count <= 16)
        {
            while (count-- > 0)
            {
                dict[pos++] = dict[back++];
                if (back == windowSize)
                {
                    back = 0;
                }
            }

            return pos;
        }

        if (back >= pos)
        {
            // Source in the wrapped tail of the window: copy up to its end first.
            int n = Math.Min(windowSize - back, count);
            Buffer.BlockCopy(dict, back, dict, pos, n);
            pos += n;
            count -= n;
            back = 0;
        }

        while (count > 0)
        {
            // Source and destination never overlap; for short distances the copied run doubles each round.
            int n = Math.Min(count, pos - back);
            Buffer.BlockCopy(dict, back, dict, pos, n);
            pos += n;
            count -= n;
        }

        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bit(ushort[] probs, int index, ref uint range, ref uint code, byte[] input, ref int inPos)
    {
        if (range < TopValue)
        {
            range <<= 8;
            code = (code << 8) | input[inPos++];
        }

        uint p = probs[index];
        uint bound = (range >> 11) * p;
        if (code < bound)
        {
            range = bound;
            probs[index] = (ushort)(p + ((2048 - p) >> 5));
            return 0;
        }

        range -= bound;
        code -= bound;
        probs[index] = (ushort)(p - (p >> 5));
        return 1;
    }

    /// <summary>Returns the match length minus 2 (0..271).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint DecodeLength(ushort[] probs, int coder, int posState, ref uint range, ref uint code, byte[] input, ref int inPos)
    {
        int treeBase;
        uint limit;
        uint add;
        if (Bit(probs, coder + LenChoice, ref range, ref code, input, ref inPos) == 0)
        {
            treeBase = coder + LenLow + (posState << 3);
            limit = 8;
            add = 0;
        }
        else if (Bit(probs, coder + LenChoice2, ref range, ref code, input, ref inPos) == 0)
        {
            treeBase = coder + LenMid + (posState << 3);
            limit = 8;
            add = 8;
        }
        else
        {
            treeBase = coder + LenHigh;
            limit = 256;
            add = 16;
        }

        uint symbol = 1;
        do
        {
            symbol = (symbol << 1) | Bit(probs, treeBase + (int)symbol, ref range, ref code, input, ref inPos);
        }
        while (symbol < limit);

        return symbol - limit + add;
    }

    private static InvalidDataException Truncated() =>
        new("Corrupt or truncated LZMA data: the compressed input ended early.");

    private static InvalidDataException BadDistance() =>
        new("Corrupt LZMA data: a match refers to data before the start of the output.");
}
