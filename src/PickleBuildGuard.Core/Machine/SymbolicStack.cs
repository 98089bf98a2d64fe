using System;
using System.Runtime.CompilerServices;

namespace PickleBuildGuard.Machine;

/// <summary>
/// The unpickler's stack and its MARK metastack, with CPython's rules: nothing below the innermost mark can be
/// popped, and POP on an empty slice pops the mark itself.
/// </summary>
internal sealed class SymbolicStack
{
    private readonly int maxDepth;
    private readonly int maxMarks;
    // Small to start with (both grow by doubling): one machine is made per pickle, and archives hold thousands.
    private Value[] items = new Value[32];
    private int count;
    private int[] marks = new int[8];
    private int markCount;

    public SymbolicStack(int maxDepth, int maxMarks)
    {
        this.maxDepth = maxDepth;
        this.maxMarks = maxMarks;
    }

    public int Count => count;

    /// <summary>The backing array, for loops over a slice just popped by <see cref="PopToMark"/> (valid until the next push).</summary>
    public Value[] Items => items;

    public int MarkCount => markCount;

    /// <summary>Set when an opcode needed more values or marks than there were; the caller reports it once.</summary>
    public bool Underflowed { get; set; }

    /// <summary>Set when a push or mark went over its limit.</summary>
    public bool Overflowed { get; private set; }

    private int Fence => markCount == 0 ? 0 : marks[markCount - 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in Value value)
    {
        if (count == items.Length)
        {
            Grow();
            if (count == items.Length)
            {
                return;
            }
        }

        items[count++] = value;
    }

    /// <summary>Pushes a value that holds no reference (int, bool, None, float): stored in place, no copy of a struct with a reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushScalar(ValueKind kind, long number)
    {
        if (count < items.Length)
        {
            items[count++] = new Value(kind, null, number);
            return;
        }

        Push(new Value(kind, null, number));
    }

    /// <summary>Pushes a value with a reference (an empty container), stored in place like <see cref="PushScalar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushReference(ValueKind kind, object reference)
    {
        if (count < items.Length)
        {
            items[count++] = new Value(kind, reference);
            return;
        }

        Push(new Value(kind, reference));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value Pop()
    {
        if (count > Fence)
        {
            return items[--count];
        }

        Underflowed = true;
        return Value.Unknown;
    }

    public Value Peek()
    {
        if (count > Fence)
        {
            return items[count - 1];
        }

        Underflowed = true;
        return Value.Unknown;
    }

    /// <summary>Replaces the top value (used by opcodes that transform it in place).</summary>
    public void ReplaceTop(in Value value)
    {
        if (count > Fence)
        {
            items[count - 1] = value;
        }
        else
        {
            Underflowed = true;
            Push(value);
        }
    }

    public void PushMark()
    {
        if (markCount == maxMarks)
        {
            Overflowed = true;
            return;
        }

        if (markCount == marks.Length)
        {
            Array.Resize(ref marks, marks.Length * 2);
        }

        marks[markCount++] = count;
    }

    /// <summary>POP: removes the top value, or the innermost mark when nothing is above it.</summary>
    public void PopOrMark()
    {
        if (count > Fence)
        {
            count--;
        }
        else if (markCount > 0)
        {
            markCount--;
        }
        else
        {
            Underflowed = true;
        }
    }

    /// <summary>Removes the values above the innermost mark and the mark; returns how many values there were.</summary>
    public int PopToMark(out int start)
    {
        if (markCount == 0)
        {
            Underflowed = true;
            start = count;
            return 0;
        }

        start = marks[--markCount];
        int n = count - start;
        count = start;
        return n;
    }

    /// <summary>The value at <paramref name="index"/> (valid until the next push) — used to read a slice just popped by <see cref="PopToMark"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value At(int index) => items[index];

    /// <summary>Whether a value holding <paramref name="reference"/> sits below <paramref name="end"/> (looking at most <paramref name="window"/> entries back).</summary>
    public bool HoldsBelow(object reference, int end, int window)
    {
        for (int i = Math.Min(end, count) - 1, stop = Math.Max(0, end - window); i >= stop; i--)
        {
            if (ReferenceEquals(items[i].Ref, reference))
            {
                return true;
            }
        }

        return false;
    }

    public void Clear()
    {
        Array.Clear(items, 0, count);
        count = 0;
        markCount = 0;
        Underflowed = false;
    }

    private void Grow()
    {
        if (items.Length >= maxDepth)
        {
            Overflowed = true;
            return;
        }

        Array.Resize(ref items, Math.Min(items.Length * 2, maxDepth));
    }
}
