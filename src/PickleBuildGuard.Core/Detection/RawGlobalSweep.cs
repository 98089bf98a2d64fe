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
        // Where the last two string operands are (file offset, length): decoded only when a STACK_GLOBAL follows, since
        // bytes like "UUUU…" make every position a string candidate (a string each was 375 bytes per byte swept).
        long previousAt = -1, lastAt = -1, lastOpcodeAt = -1;
        int previousLength = 0, lastLength = 0;
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
                else if ((b == 0x8c && i + 1 < n && IsCounted(buffer, i + 2, buffer[i + 1], n, out int textStart, out int textLength))
                    || (b == (byte)'X' && i + 4 < n && buffer[i + 2] == 0 && buffer[i + 3] == 0 && buffer[i + 4] == 0 && IsCounted(buffer, i + 5, buffer[i + 1], n, out textStart, out textLength))
                    || ((b == (byte)'V' || b == (byte)'U') && IsString(buffer, i, n, out textStart, out textLength)))
                {
                    previousAt = lastAt;
                    previousLength = lastLength;
                    lastAt = block + textStart;
                    lastLength = textLength;
                    lastOpcodeAt = block + i;
                }
                else if (b == 0x93 && previousAt >= 0 && lastAt >= 0 && block + i - lastOpcodeAt < 64)
                {
                    Report(context, Text(context, previousAt, previousLength), Text(context, lastAt, lastLength), block + i - rangeStart, where);
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

    private static bool IsCounted(byte[] data, int start, int length, int count, out int textStart, out int textLength)
    {
        textStart = start;
        textLength = length;
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

        return true;
    }

    // UNICODE (V, a line) and SHORT_BINSTRING (U, a length byte) operands.
    private static bool IsString(byte[] data, int at, int count, out int textStart, out int textLength)
    {
        if (data[at] == (byte)'V')
        {
            textStart = at + 1;
            int i = textStart;
            while (i < count && i - textStart <= MaxName && IsNameByte(data[i]))
            {
                i++;
            }

            textLength = i - textStart;
            return i > textStart && i < count && data[i] == (byte)'\n' && IsStartByte(data[textStart]);
        }

        textStart = at + 2;
        textLength = 0;
        return at + 1 < count && IsCounted(data, at + 2, data[at + 1], count, out textStart, out textLength);
    }

    private static string Text(ScanContext context, long offset, int length)
    {
        var bytes = new byte[length];
        int n = context.Source.ReadAt(offset, bytes, 0, length);
        return Encoding.ASCII.GetString(bytes, 0, n);
    }

    private static bool IsStartByte(byte b) => b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');

    private static bool IsNameByte(byte b) => IsStartByte(b) || b == '.' || (b >= '0' && b <= '9');
}
