using System;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Detection;
using PickleBuildGuard.Input;
using PickleBuildGuard.Machine;
using PickleBuildGuard.Pickle;
using PickleBuildGuard.Rules;

namespace PickleBuildGuard.Scanning;

/// <summary>
/// Scans a byte range as pickle streams: the first pickle, every pickle concatenated after it, data after the
/// last STOP, the part of a stream a FRAME-honouring loader would read differently, and — after malformed bytes —
/// every later place a loader could start from. Containers call this for each pickle range they find.
/// </summary>
internal static class PickleStreamScanner
{
    // Legacy torch.save: the magic number pickled with protocol 2 (LONG1 of 10 bytes).
    private static readonly byte[] LegacyTorchMagic = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19 };

    private const int MaxResyncCandidates = 256;

    // Each resync probe reads on from its candidate: without a bound in total, a flood of candidates in front of a
    // long tail costs candidates × tail (100,000 GLOBAL lines after one bad byte took minutes). The probes together
    // read at most two passes over the tail; the raw sweep after them still covers every byte.
    private const int ResyncPasses = 2;
    private const long MinResyncProbeBytes = 64L << 10;

    /// <summary>
    /// Scans [<paramref name="start"/>, <paramref name="end"/>) of the context's source. With
    /// <paramref name="allowLegacyTorchTail"/>, bytes after the fifth pickle of a legacy torch.save stream are raw
    /// storage data, as torch reads them.
    /// </summary>
    public static void Scan(ScanContext context, long start, long end, bool allowLegacyTorchTail = false)
    {
        var limits = context.Budget.Limits;
        if (context.Budget.Streams >= limits.MaxStreams)
        {
            // Every later member of a large archive lands here: no machine for it, one finding per file.
            StreamLimitReached(context, start, start, end);
            return;
        }

        var cursor = new ByteCursor(context.Source, start, end);
        var machine = new PickleMachine(context);
        var analysis = new ContentAnalyzer(context);
        bool legacyTorch = allowLegacyTorchTail && IsLegacyTorch(context.Source, start);
        int picklesHere = 0;
        long position = start;

        while (position < end)
        {
            if (++context.Budget.Streams > limits.MaxStreams)
            {
                StreamLimitReached(context, start, position, end);
                return;
            }

            if (legacyTorch && picklesHere >= 5)
            {
                // magic, protocol, sys_info, object, storage keys: what follows is raw storage torch never unpickles.
                context.Findings.AddNotice("torch-legacy-storage", $"{end - position} bytes of raw tensor storage after the legacy torch.save pickles were not read (torch does not unpickle them)");
                return;
            }

            if (picklesHere > 0 && !LooksLikePickleStart(context.Source, position, end))
            {

                context.Findings.Add(RuleCatalog.TrailingData, $"{end - position} bytes after the last STOP are not a pickle", null, context.Member, position - start);
                Resync(context, start, position + 1, end);
                return;
            }

            cursor.Seek(position);
            var reader = new OpcodeReader(cursor, limits.MaxLineLength, limits.MaxInspectedValueBytes, origin: start);
            StreamOutcome outcome = machine.Run(reader, analysis);
            analysis.FinishStream();
            long problemAt = start + machine.ProblemOffset;

            if (machine.FrameDivergenceAt >= 0)
            {
                // What a loader that honours FRAME boundaries would execute: scan from the frame end too.
                ScanAlternative(context, start, start + machine.FrameDivergenceAt, end);
            }

            switch (outcome)
            {
                case StreamOutcome.Stopped:
                    picklesHere++;
                    position = cursor.Position;
                    continue;
                case StreamOutcome.Truncated:
                    context.Findings.Add(RuleCatalog.TruncatedStream, machine.Problem ?? "truncated", null, context.Member, problemAt - start);
                    return;
                case StreamOutcome.Invalid:
                    context.Findings.Add(RuleCatalog.MalformedStream, machine.Problem ?? "malformed", null, context.Member, problemAt - start);
                    Resync(context, start, problemAt + 1, end);
                    return;
                default:
                    context.Findings.Add(RuleCatalog.LimitExceeded, machine.Problem ?? "limit reached", null, context.Member, problemAt - start);
                    RawGlobalSweep.Sweep(context, start, problemAt, end, "past the analysis limit");
                    return;
            }
        }

        if (picklesHere == 0)
        {
            context.Findings.Add(RuleCatalog.TruncatedStream, "the input is empty", null, context.Member, 0);
        }
    }

    // The stream budget is shared by the whole file (a zip of 100,000 pickles reaches it as surely as 100,000
    // concatenated ones). Reported once, not once per remaining member; the bytes not analysed are still swept, so a
    // dangerous global named in them is reported.
    private static void StreamLimitReached(ScanContext context, long start, long from, long end)
    {
        if (!context.Budget.StreamLimitReported)
        {
            context.Budget.StreamLimitReported = true;
            context.Findings.Add(RuleCatalog.LimitExceeded, $"more than {context.Budget.Limits.MaxStreams} pickle streams in one file; the rest was only swept for dangerous globals", null, context.Member, from - start);
        }
        else
        {
            context.Findings.MarkIncomplete();
        }

        RawGlobalSweep.Sweep(context, start, from, end, "past the stream limit");
    }

    // After bytes a loader rejects, look for every later offset where a pickle could start and scan from there,
    // so a payload behind junk (nullifAI, "benign + junk + malicious") is still reported.
    private static void Resync(ScanContext context, long start, long from, long end)
    {
        int candidates = 0;
        long probeBudget = Math.Max(MinResyncProbeBytes, ResyncPasses * (end - from));
        // Sized to the range (16 more than it, so a short range is read in one block and the loop ends there).
        var buffer = new byte[(int)Math.Min(64 * 1024, Math.Max(0, end - from) + 16)];
        for (long block = from; block < end && candidates < MaxResyncCandidates && probeBudget > 0; block += buffer.Length - 16)
        {
            int n = context.Source.ReadAt(block, buffer, 0, (int)Math.Min(buffer.Length, end - block));
            if (n <= 0)
            {
                return;
            }

            for (int i = 0; i < n - 2 && candidates < MaxResyncCandidates && probeBudget > 0; i++)
            {
                bool proto = buffer[i] == 0x80 && buffer[i + 1] >= 2 && buffer[i + 1] <= 5;
                bool global = buffer[i] == (byte)'c' && i + 2 < n && IsIdentifierStart(buffer[i + 1]) && (i == 0 || !IsIdentifierByte(buffer[i - 1]));
                if (!proto && !global)
                {
                    continue;
                }

                candidates++;
                long at = block + i;
                long probeEnd = Math.Min(end, at + probeBudget);
                probeBudget -= probeEnd - at;
                var probe = context.ForNested(context.Source, context.Member ?? string.Empty);
                ScanAlternativeInto(probe, start, at, probeEnd);
                // Only a dangerous find ends the search: a decoy that yields a suspicious global must not hide what follows.
                bool found = false;
                foreach (var finding in probe.Findings.Findings)
                {
                    if (!finding.RuleId.StartsWith("PBG0", StringComparison.Ordinal) && finding.RuleId != RuleCatalog.TrailingData.Id)
                    {
                        found |= finding.Severity >= Verdict.Dangerous;
                        context.Findings.Add(Rules.RuleCatalog.Find(finding.RuleId)!, $"{finding.Message} (in a pickle starting at offset {at - start}, after bytes a loader rejects)", finding.Callable, context.Member, finding.Offset, finding.Severity);
                    }
                }

                if (found)
                {
                    return;
                }
            }

            if (n < buffer.Length)
            {
                break;
            }
        }

        RawGlobalSweep.Sweep(context, start, from, end, "after data a loader rejects");
    }

    private static void ScanAlternative(ScanContext context, long start, long from, long end)
    {
        var probe = context.ForNested(context.Source, context.Member ?? string.Empty);
        ScanAlternativeInto(probe, start, from, end);
        foreach (var finding in probe.Findings.Findings)
        {
            if (!finding.RuleId.StartsWith("PBG0", StringComparison.Ordinal))
            {
                context.Findings.Add(Rules.RuleCatalog.Find(finding.RuleId)!, $"{finding.Message} (as read by a loader that honours the FRAME boundary at {from - start})", finding.Callable, context.Member, finding.Offset, finding.Severity);
            }
        }
    }

    // One stream only, no further resync: alternative readings must not multiply.
    private static void ScanAlternativeInto(ScanContext probe, long start, long from, long end)
    {
        var cursor = new ByteCursor(probe.Source, from, end);
        var reader = new OpcodeReader(cursor, probe.Budget.Limits.MaxLineLength, probe.Budget.Limits.MaxInspectedValueBytes, origin: start);
        var analysis = new ContentAnalyzer(probe);
        new PickleMachine(probe).Run(reader, analysis);
        analysis.FinishStream();
    }

    /// <summary>Whether a legacy (pre-zip) torch.save stream starts at <paramref name="position"/>.</summary>
    public static bool IsLegacyTorch(ByteSource source, long position)
    {
        // The first pickle's value is the magic number: its last opcode before STOP is the magic's LONG1 (an
        // opcode injected earlier does not hide the format; a legacy stream embedded as bytes does not fake it).
        // The first pickle is tiny in a real legacy file: without the magic's bytes near the start, nothing is parsed.
        if (!ContainsMagicNearStart(source, position))
        {
            return false;
        }

        var cursor = new ByteCursor(source, position, Math.Min(source.Length, position + (1 << 20)));
        var reader = new OpcodeReader(cursor, maxLineLength: 1 << 16, inspectBytes: 0);
        var op = default(PickleOp);
        long previous = -1;
        for (int i = 0; i < 100_000 && reader.Next(ref op) == ReadStatus.Ok; i++)
        {
            if (op.Info.Behavior == OpcodeBehavior.Stop)
            {
                return previous >= 0 && previous + LegacyTorchMagic.Length - 2 == op.Offset && StartsWith(source, position + previous, LegacyTorchMagic, skip: 2);
            }

            previous = op.Info.Name == "LONG1" ? op.Offset : -1;
        }

        return false;
    }

    private static bool ContainsMagicNearStart(ByteSource source, long position)
    {
        var head = new byte[(int)Math.Max(0, Math.Min(4096, source.Length - position))];
        int n = source.ReadAt(position, head, 0, head.Length);
        for (int i = 0; i + LegacyTorchMagic.Length - 2 <= n; i++)
        {
            int k = 2;
            while (k < LegacyTorchMagic.Length && head[i + k - 2] == LegacyTorchMagic[k])
            {
                k++;
            }

            if (k == LegacyTorchMagic.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikePickleStart(ByteSource source, long position, long end)
    {
        var head = new byte[2];
        int n = source.ReadAt(position, head, 0, (int)Math.Min(2, end - position));
        if (n < 1)
        {
            return false;
        }

        if (head[0] == 0x80)
        {
            return n == 2 && head[1] <= 5;
        }

        // Any opcode can start a pickle (loaders do not require PROTO); what follows decides whether it parses.
        return OpcodeTable.Find(head[0]) is not null;
    }

    private static bool StartsWith(ByteSource source, long position, byte[] prefix, int skip = 0)
    {
        var head = new byte[prefix.Length - skip];
        if (source.ReadAt(position, head, 0, head.Length) != head.Length)
        {
            return false;
        }

        for (int i = skip; i < prefix.Length; i++)
        {
            if (head[i - skip] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierStart(byte b) => b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');

    private static bool IsIdentifierByte(byte b) => IsIdentifierStart(b) || (b >= '0' && b <= '9');
}
