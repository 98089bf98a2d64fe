using System;
using System.Text;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Knowledge;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Detection;

/// <summary>
/// A byte-level sweep for GLOBAL/INST lines and STACK_GLOBAL string pairs in bytes the machine could not parse
/// (after junk, past a budget). Whatever a different loader might still reach there is reported when it is denied.
/// </summary>
internal static class RawGlobalSweep
{
    private const int MaxName = 200;
    private const long MaxSweptBytes = 256L << 20;

    public static void Sweep(ScanContext context, long rangeStart, long from, long end, string where)
    {
        end = Math.Min(end, from + MaxSweptBytes);
        if (end <= from)
        {
            return;
        }

        // Sized to the range: a large archive sweeps thousands of tiny members.
        var buffer = new byte[(int)Math.Min(1 << 16, end - from)];
        string? previous = null, last = null;
        long lastAt = -1;
        const int overlap = 2 * (MaxName + 2);
        for (long block = from; block < end; block += buffer.Length - overlap)
        {
            int n = context.Source.ReadAt(block, buffer, 0, (int)Math.Min(buffer.Length, end - block));
            if (n <= 0)
            {
                return;
            }

            int limit = block + n >= end ? n : n - overlap;
            for (int i = 0; i < limit; i++)
            {
                byte b = buffer[i];
                if ((b == (byte)'c' || b == (byte)'i') && TryLine(buffer, i + 1, n, out string module, out int next) && TryLine(buffer, next, n, out string name, out _))
                {
                    Report(context, module, name, block + i - rangeStart, where);
                }
                else if ((b == 0x8c && i + 1 < n && TryCounted(buffer, i + 2, buffer[i + 1], n, out string text))
                    || (b == (byte)'X' && i + 4 < n && buffer[i + 2] == 0 && buffer[i + 3] == 0 && buffer[i + 4] == 0 && TryCounted(buffer, i + 5, buffer[i + 1], n, out text))
                    || ((b == (byte)'V' || b == (byte)'U') && TryString(buffer, i, n, out text)))
                {
                    previous = last;
                    last = text;
                    lastAt = block + i;
                }
                else if (b == 0x93 && previous is not null && last is not null && block + i - lastAt < 64)
                {
                    Report(context, previous, last, block + i - rangeStart, where);
                }
            }

            if (block + n >= end)
            {
                return;
            }
        }
    }

    private static void Report(ScanContext context, string module, string name, long offset, string where)
    {
        GlobalAssessment assessment = context.Classifier.Assess(module, name);
        if (assessment.Disposition != KnowledgeDisposition.Denied && assessment.WalkTarget is null)
        {
            return;
        }

        string target = assessment.WalkTarget ?? module + "." + name;
        context.RecordGlobal(target);
        context.Findings.Add(
            RuleCatalog.DangerousGlobalImported,
            $"the dangerous global {target} appears in bytes {where}; a loader that reads them there resolves it",
            target,
            context.Member,
            offset);
    }

    private static bool TryLine(byte[] data, int start, int count, out string text, out int next)
    {
        text = string.Empty;
        next = start;
        int i = start;
        while (i < count && i - start <= MaxName && IsNameByte(data[i]))
        {
            i++;
        }

        if (i == start || i >= count || data[i] != (byte)'\n' || !IsStartByte(data[start]))
        {
            return false;
        }

        text = Encoding.ASCII.GetString(data, start, i - start);
        next = i + 1;
        return true;
    }

    private static bool TryCounted(byte[] data, int start, int length, int count, out string text)
    {
        text = string.Empty;
        if (length == 0 || start + length > count || !IsStartByte(data[start]))
        {
            return false;
        }

        for (int i = start; i < start + length; i++)
        {
            if (!IsNameByte(data[i]))
            {
                return false;
            }
        }

        text = Encoding.ASCII.GetString(data, start, length);
        return true;
    }

    // UNICODE (V, a line) and SHORT_BINSTRING (U, a length byte) operands.
    private static bool TryString(byte[] data, int at, int count, out string text)
    {
        if (data[at] == (byte)'V')
        {
            return TryLine(data, at + 1, count, out text, out _);
        }

        text = string.Empty;
        return at + 1 < count && TryCounted(data, at + 2, data[at + 1], count, out text);
    }

    private static bool IsStartByte(byte b) => b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');

    private static bool IsNameByte(byte b) => IsStartByte(b) || b == '.' || (b >= '0' && b <= '9');
}
