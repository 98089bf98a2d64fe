using System;
using System.Collections.Generic;

namespace PickleBuildGuard.Machine;

/// <summary>The unpickler's memo: dense indexes in an array, sparse ones in a dictionary, bounded in entries.</summary>
internal sealed class Memo
{
    private const int DenseLimit = 1 << 22;

    private readonly int maxEntries;
    private Value[] dense = new Value[16];
    private bool[] present = new bool[16];
    private Dictionary<long, Value>? sparse;

    public Memo(int maxEntries) => this.maxEntries = maxEntries;

    /// <summary>Distinct entries stored; MEMOIZE stores at this index.</summary>
    public int Count { get; private set; }

    public bool Overflowed { get; private set; }

    public void Put(long index, in Value value)
    {
        // Dense only while indexes stay close to the entry count: one huge index must not allocate a huge array.
        if (index >= 0 && index < DenseLimit && (index < dense.Length || index < (2L * Count) + 1024))
        {
            if (index >= dense.Length)
            {
                if (Count >= maxEntries)
                {
                    Overflowed = true;
                    return;
                }

                int size = dense.Length;
                while (size <= index)
                {
                    size *= 2;
                }

                Array.Resize(ref dense, size);
                Array.Resize(ref present, size);
            }

            if (!present[index])
            {
                if (Count >= maxEntries)
                {
                    Overflowed = true;
                    return;
                }

                present[index] = true;
                Count++;
            }

            dense[index] = value;
            return;
        }

        sparse ??= new Dictionary<long, Value>();
        if (!sparse.ContainsKey(index))
        {
            if (Count >= maxEntries)
            {
                Overflowed = true;
                return;
            }

            Count++;
        }

        sparse[index] = value;
    }

    public bool TryGet(long index, out Value value)
    {
        if (index >= 0 && index < dense.Length && present[index])
        {
            value = dense[index];
            return true;
        }

        if (sparse is not null && sparse.TryGetValue(index, out value))
        {
            return true;
        }

        value = Value.Unknown;
        return false;
    }

    public void Clear()
    {
        if (Count > 0)
        {
            Array.Clear(dense, 0, dense.Length);
            Array.Clear(present, 0, present.Length);
            sparse = null;
            Count = 0;
        }
    }
}
