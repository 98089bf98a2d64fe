using System;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Compression;

/// <summary>
/// One bzip2 block: reads the block body after its 48-bit magic (CRC, origin pointer, symbol map, Huffman tables and
/// selectors, then the Huffman/MTF/RLE2-coded BWT column), prepares the inverse Burrows-Wheeler links, and then
/// writes the block's bytes (undoing the initial run-length coding) piece by piece while it computes the block CRC.
/// All arrays are allocated once and reused; the only large one holds one link per BWT byte (at most 900,000).
/// </summary>
internal sealed class Bzip2Block
{
    private const int MaxGroups = 6;
    private const int MaxAlphaSize = 258;
    private const int MaxCodeLength = 20;
    private const int MaxSelectors = 18002;
    private const int GroupSize = 50;
    private const int TableStride = 24;
    private const int FastBits = 10;
    private const int FastSize = 1 << FastBits;
    private const int MaxRunWeight = 2 * 1024 * 1024;

    private static readonly uint[] CrcTable = BuildCrcTable();

    // Low byte: BWT last column; bits 8..31: link to the next position (after the inverse transform is prepared).
    private uint[] tt = new uint[0];

    private readonly byte[] selectorMtf = new byte[MaxSelectors];
    private readonly byte[] selectors = new byte[MaxSelectors];
    private readonly byte[] lengths = new byte[MaxGroups * MaxAlphaSize];
    private readonly int[] limit = new int[MaxGroups * TableStride];
    private readonly int[] bases = new int[MaxGroups * TableStride];
    private readonly int[] perm = new int[MaxGroups * MaxAlphaSize];
    private readonly int[] minLengths = new int[MaxGroups];
    private readonly int[] maxLengths = new int[MaxGroups];
    private readonly ushort[] fast = new ushort[MaxGroups * FastSize];
    private readonly byte[] seqToUnseq = new byte[256];
    private readonly ulong[] mtf = new ulong[32];
    private readonly int[] unzftab = new int[256];
    private readonly int[] cftab = new int[257];
    private readonly byte[] groupOrder = new byte[MaxGroups];

    private int alphaSize;

    // Output state.
    private int tPos;
    private int remaining;
    private int lastByte;
    private int runLength;
    private int pendingRepeat;
    private uint crc;

    public uint StoredCrc { get; private set; }

    public uint ComputedCrc => ~crc;

    /// <summary>True once every byte of the block has been written.</summary>
    public bool Finished => remaining == 0 && pendingRepeat == 0;

    /// <summary>Reads a block body (the block magic already consumed) whose BWT length may be at most <paramref name="maxBlockSize"/>.</summary>
    public void Decode(Bzip2BitReader reader, int maxBlockSize)
    {
        if (tt.Length < maxBlockSize)
        {
            tt = new uint[maxBlockSize];
        }

        StoredCrc = reader.Read(32);
        if (reader.ReadBit())
        {
            throw Bzip2DecoderStream.Corrupt("randomised blocks (written only by bzip2 0.9.0 and older) are not supported");
        }

        int origPtr = (int)reader.Read(24);
        int numInUse = ReadSymbolMap(reader);
        alphaSize = numInUse + 2;

        int nGroups = (int)reader.Read(3);
        if (nGroups < 2 || nGroups > MaxGroups)
        {
            throw Bzip2DecoderStream.Corrupt("invalid number of Huffman tables");
        }

        int nSelectors = ReadSelectors(reader, nGroups);
        for (int t = 0; t < nGroups; t++)
        {
            ReadCodeLengths(reader, t);
            BuildTables(t);
        }

        int nblock = ReadSymbols(reader, numInUse, nSelectors, maxBlockSize);
        if (origPtr >= nblock)
        {
            throw Bzip2DecoderStream.Corrupt("block origin pointer out of range");
        }

        PrepareInverse(nblock, origPtr);
    }

    /// <summary>Writes up to <paramref name="count"/> bytes of the block; returns how many (less only at the block's end).</summary>
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public int Write(byte[] destination, int offset, int count)
    {
        uint[] links = tt;
        uint[] table = CrcTable;
        uint c = crc;
        int pos = tPos;
        int left = remaining;
        int last = lastByte;
        int run = runLength;
        int repeat = pendingRepeat;
        int o = offset;
        int end = offset + count;

        while (o < end)
        {
            if (repeat > 0)
            {
                int n = Math.Min(repeat, end - o);
                byte value = (byte)last;
                for (int i = 0; i < n; i++)
                {
                    destination[o + i] = value;
                    c = (c << 8) ^ table[(c >> 24) ^ value];
                }

                o += n;
                repeat -= n;
                continue;
            }

            if (left == 0)
            {
                break;
            }

            uint link = links[pos];
            int b = (int)(link & 0xFF);
            pos = (int)(link >> 8);
            left--;
            if (run == 4)
            {
                // After four equal bytes comes a count of further copies (0..255); then a new run starts.
                repeat = b;
                run = 0;
                continue;
            }

            if (b == last)
            {
                run++;
            }
            else
            {
                last = b;
                run = 1;
            }

            destination[o++] = (byte)b;
            c = (c << 8) ^ table[(c >> 24) ^ (uint)b];
        }

        crc = c;
        tPos = pos;
        remaining = left;
        lastByte = last;
        runLength = run;
        pendingRepeat = repeat;
        return o - offset;
    }

    private int ReadSymbolMap(Bzip2BitReader reader)
    {
        int inUse16 = (int)reader.Read(16);
        int numInUse = 0;
        for (int i = 0; i < 16; i++)
        {
            if ((inUse16 & (0x8000 >> i)) == 0)
            {
                continue;
            }

            int word = (int)reader.Read(16);
            for (int j = 0; j < 16; j++)
            {
                if ((word & (0x8000 >> j)) != 0)
                {
                    seqToUnseq[numInUse++] = (byte)((i * 16) + j);
                }
            }
        }

        if (numInUse == 0)
        {
            throw Bzip2DecoderStream.Corrupt("block uses no symbols");
        }

        return numInUse;
    }

    private int ReadSelectors(Bzip2BitReader reader, int nGroups)
    {
        int nSelectors = (int)reader.Read(15);
        if (nSelectors < 1)
        {
            throw Bzip2DecoderStream.Corrupt("block has no selectors");
        }

        for (int i = 0; i < nSelectors; i++)
        {
            int j = 0;
            while (reader.ReadBit())
            {
                j++;
                if (j >= nGroups)
                {
                    throw Bzip2DecoderStream.Corrupt("selector out of range");
                }
            }

            // Like bzip2 1.0.8: selectors past the most a block can use are read and ignored.
            if (i < MaxSelectors)
            {
                selectorMtf[i] = (byte)j;
            }
        }

        if (nSelectors > MaxSelectors)
        {
            nSelectors = MaxSelectors;
        }

        for (int i = 0; i < nGroups; i++)
        {
            groupOrder[i] = (byte)i;
        }

        for (int i = 0; i < nSelectors; i++)
        {
            int v = selectorMtf[i];
            byte tmp = groupOrder[v];
            for (; v > 0; v--)
            {
                groupOrder[v] = groupOrder[v - 1];
            }

            groupOrder[0] = tmp;
            selectors[i] = tmp;
        }

        return nSelectors;
    }

    private void ReadCodeLengths(Bzip2BitReader reader, int t)
    {
        int current = (int)reader.Read(5);
        int baseIndex = t * MaxAlphaSize;
        for (int i = 0; i < alphaSize; i++)
        {
            while (true)
            {
                if (current < 1 || current > MaxCodeLength)
                {
                    throw Bzip2DecoderStream.Corrupt("invalid Huffman code length");
                }

                if (!reader.ReadBit())
                {
                    break;
                }

                current += reader.ReadBit() ? -1 : 1;
            }

            lengths[baseIndex + i] = (byte)current;
        }
    }

    // Canonical decoding tables exactly as bzip2's BZ2_hbCreateDecodeTables builds them, plus a 10-bit lookup table.
    private void BuildTables(int t)
    {
        int lenBase = t * MaxAlphaSize;
        int tab = t * TableStride;
        int minLen = 32;
        int maxLen = 0;
        for (int i = 0; i < alphaSize; i++)
        {
            int len = lengths[lenBase + i];
            if (len > maxLen)
            {
                maxLen = len;
            }

            if (len < minLen)
            {
                minLen = len;
            }
        }

        int pp = 0;
        for (int len = minLen; len <= maxLen; len++)
        {
            for (int j = 0; j < alphaSize; j++)
            {
                if (lengths[lenBase + j] == len)
                {
                    perm[lenBase + pp] = j;
                    pp++;
                }
            }
        }

        Array.Clear(bases, tab, TableStride);
        Array.Clear(limit, tab, TableStride);
        for (int i = 0; i < alphaSize; i++)
        {
            bases[tab + lengths[lenBase + i] + 1]++;
        }

        for (int i = 1; i < TableStride; i++)
        {
            bases[tab + i] += bases[tab + i - 1];
        }

        int vec = 0;
        for (int len = minLen; len <= maxLen; len++)
        {
            vec += bases[tab + len + 1] - bases[tab + len];
            limit[tab + len] = vec - 1;
            vec <<= 1;
        }

        for (int len = minLen + 1; len <= maxLen; len++)
        {
            bases[tab + len] = ((limit[tab + len - 1] + 1) << 1) - bases[tab + len];
        }

        minLengths[t] = minLen;
        maxLengths[t] = maxLen;

        // Fast table: every 10-bit prefix whose code is at most 10 bits long maps to (symbol << 5 | length); 0 = slow path.
        int fastBase = t * FastSize;
        int top = Math.Min(maxLen, FastBits);
        for (int p = 0; p < FastSize; p++)
        {
            ushort entry = 0;
            for (int len = minLen; len <= top; len++)
            {
                int zvec = p >> (FastBits - len);
                if (zvec <= limit[tab + len])
                {
                    int index = zvec - bases[tab + len];
                    if (index >= 0 && index < alphaSize)
                    {
                        entry = (ushort)((perm[lenBase + index] << 5) | len);
                    }

                    break;
                }
            }

            fast[fastBase + p] = entry;
        }
    }

    private int DecodeSlow(Bzip2BitReader reader, int t)
    {
        int tab = t * TableStride;
        int len = minLengths[t];
        int maxLen = maxLengths[t];
        int zvec = (int)reader.Peek(len);
        while (zvec > limit[tab + len])
        {
            len++;
            if (len > maxLen)
            {
                throw Bzip2DecoderStream.Corrupt("invalid Huffman code");
            }

            zvec = (int)reader.Peek(len);
        }

        int index = zvec - bases[tab + len];
        if (index < 0 || index >= alphaSize)
        {
            throw Bzip2DecoderStream.Corrupt("invalid Huffman code");
        }

        reader.Skip(len);
        return perm[(t * MaxAlphaSize) + index];
    }

#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    private int ReadSymbols(Bzip2BitReader reader, int numInUse, int nSelectors, int maxBlockSize)
    {
        uint[] block = tt;
        ulong[] front = mtf;
        byte[] groups = selectors;
        ushort[] fastTable = fast;
        int[] counts = unzftab;
        Array.Clear(counts, 0, counts.Length);
        Array.Clear(front, 0, front.Length);
        for (int i = 0; i < numInUse; i++)
        {
            front[i >> 3] |= (ulong)seqToUnseq[i] << ((i & 7) << 3);
        }

        int eob = numInUse + 1;
        int nblock = 0;
        int groupIndex = -1;
        int groupLeft = 0;
        int group = 0;
        int fastBase = 0;
        int run = 0;
        int weight = 1;

        // The reader's bit register, kept in locals for the loop.
        ulong bits = reader.Bits;
        int count = reader.Count;

        while (true)
        {
            // Next Huffman symbol, with the table switched every 50 symbols.
            if (groupLeft == 0)
            {
                groupIndex++;
                if (groupIndex >= nSelectors)
                {
                    throw Bzip2DecoderStream.Corrupt("block runs past its selectors");
                }

                group = groups[groupIndex];
                fastBase = group * FastSize;
                groupLeft = GroupSize;
            }

            groupLeft--;

            // Every symbol is followed by at least 48 more bits (a block or end-of-stream magic) in valid data.
            if (count < MaxCodeLength)
            {
                reader.Bits = bits;
                reader.Count = count;
                reader.Need(MaxCodeLength);
                bits = reader.Bits;
                count = reader.Count;
            }

            int symbol;
            int entry = fastTable[fastBase + (int)(bits >> (64 - FastBits))];
            if (entry != 0)
            {
                int length = entry & 31;
                bits <<= length;
                count -= length;
                symbol = entry >> 5;
            }
            else
            {
                reader.Bits = bits;
                reader.Count = count;
                symbol = DecodeSlow(reader, group);
                bits = reader.Bits;
                count = reader.Count;
            }

            if (symbol <= 1)
            {
                // RUNA/RUNB: digits (least significant first) of a bijective base-2 run length of the front symbol.
                if (weight >= MaxRunWeight)
                {
                    throw Bzip2DecoderStream.Corrupt("run length too long");
                }

                run += (symbol + 1) * weight;
                weight <<= 1;
                continue;
            }

            if (run > 0)
            {
                if (run > maxBlockSize - nblock)
                {
                    throw Bzip2DecoderStream.Corrupt("block longer than its declared size");
                }

                byte value = (byte)front[0];
                counts[value] += run;
                int stop = nblock + run;
                for (int i = nblock; i < stop; i++)
                {
                    block[i] = value;
                }

                nblock = stop;
                run = 0;
                weight = 1;
            }

            if (symbol == eob)
            {
                break;
            }

            if (nblock >= maxBlockSize)
            {
                throw Bzip2DecoderStream.Corrupt("block longer than its declared size");
            }

            // Move-to-front on the list packed eight entries to a word (entry i in byte i % 8 of word i / 8):
            // the entries before the chosen one move up a byte, a word at a time.
            int nn = symbol - 1;
            int wi = nn >> 3;
            int shift = (nn & 7) << 3;
            ulong word = front[wi];
            byte uc = (byte)(word >> shift);
            ulong below = (1UL << shift) - 1;
            ulong above = shift == 56 ? 0 : ulong.MaxValue << (shift + 8);
            if (wi == 0)
            {
                front[0] = (word & above) | ((word & below) << 8) | uc;
            }
            else
            {
                front[wi] = (word & above) | ((word & below) << 8) | (front[wi - 1] >> 56);
                for (int i = wi - 1; i > 0; i--)
                {
                    front[i] = (front[i] << 8) | (front[i - 1] >> 56);
                }

                front[0] = (front[0] << 8) | uc;
            }

            counts[uc]++;
            block[nblock++] = uc;
        }

        reader.Bits = bits;
        reader.Count = count;
        return nblock;
    }

#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    private void PrepareInverse(int nblock, int origPtr)
    {
        uint[] block = tt;
        int[] starts = cftab;
        starts[0] = 0;
        for (int i = 0; i < 256; i++)
        {
            starts[i + 1] = starts[i] + unzftab[i];
        }

        for (int i = 0; i < nblock; i++)
        {
            int uc = (int)(block[i] & 0xFF);
            block[starts[uc]++] |= (uint)i << 8;
        }

        tPos = (int)(block[origPtr] >> 8);
        remaining = nblock;
        lastByte = -1;
        runLength = 0;
        pendingRepeat = 0;
        crc = 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i << 24;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 0x80000000u) != 0 ? (c << 1) ^ 0x04C11DB7u : c << 1;
            }

            table[i] = c;
        }

        return table;
    }
}
