using System;
using System.Collections.Generic;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Input;
using PickleBuildGuard.Machine;
using PickleBuildGuard.Pickle;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Containers;

/// <summary>
/// The oldest torch.save format, a tar of <c>sys_info</c>, <c>pickle</c>, <c>storages</c> and <c>tensors</c>.
/// The last two interleave pickles with raw records, which are skipped exactly as torch's legacy_load reads them.
/// </summary>
internal static class LegacyTorchTar
{
    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = 4, ["DoubleStorage"] = 8, ["HalfStorage"] = 2, ["BFloat16Storage"] = 2, ["LongStorage"] = 8,
        ["IntStorage"] = 4, ["ShortStorage"] = 2, ["CharStorage"] = 1, ["ByteStorage"] = 1, ["BoolStorage"] = 1,
        ["ComplexFloatStorage"] = 8, ["ComplexDoubleStorage"] = 16, ["QInt8Storage"] = 1, ["QUInt8Storage"] = 1,
        ["QInt32Storage"] = 4, ["QUInt4x2Storage"] = 1, ["QUInt2x4Storage"] = 1, ["UntypedStorage"] = 1,
    };

    public static bool IsTorchTar(List<TarArchive.Member> members)
    {
        bool sysInfo = false, pickle = false, storages = false;
        foreach (var member in members)
        {
            sysInfo |= member.Name == "sys_info";
            pickle |= member.Name == "pickle";
            storages |= member.Name == "storages";
        }

        return sysInfo && pickle && storages;
    }

    /// <summary>storages: count; per storage (key, location, type) then an int64 element count and the raw elements; then the views.</summary>
    public static void ScanStorages(ScanContext context)
    {
        var sequence = new Sequence(context);
        if (!sequence.Next(out Value count) || !TryCount(count, out long storages))
        {
            sequence.Fail("the storage count");
            return;
        }

        for (long i = 0; i < storages; i++)
        {
            if (!sequence.Next(out Value args))
            {
                sequence.Fail($"storage record {i}");
                return;
            }

            int elementSize = args.Items is { Length: >= 3 } parts && parts[2].Global is { } type && ElementSizes.TryGetValue(type.Name.Substring(type.Name.LastIndexOf('.') + 1), out int size) ? size : 0;
            if (elementSize == 0 || !sequence.Reader.TryReadRawInteger(8, out long elements) || elements < 0 || !sequence.Reader.SkipRaw(elements * elementSize))
            {
                sequence.Fail($"the data of storage record {i}");
                return;
            }
        }

        if (!sequence.Next(out _))
        {
            sequence.Fail("the storage views");
            return;
        }

        sequence.ExpectEnd();
    }

    /// <summary>tensors: count; per tensor (key, storage id, type) then ndim, padding, sizes, strides and an offset.</summary>
    public static void ScanTensors(ScanContext context)
    {
        var sequence = new Sequence(context);
        if (!sequence.Next(out Value count) || !TryCount(count, out long tensors))
        {
            sequence.Fail("the tensor count");
            return;
        }

        for (long i = 0; i < tensors; i++)
        {
            if (!sequence.Next(out _) || !sequence.Reader.TryReadRawInteger(4, out long ndim) || ndim < 0 || ndim > 64 || !sequence.Reader.SkipRaw(4 + (16 * ndim) + 8))
            {
                sequence.Fail($"tensor record {i}");
                return;
            }
        }

        sequence.ExpectEnd();
    }

    private static bool TryCount(in Value value, out long count)
    {
        count = value.Number;
        return value.Kind == ValueKind.Int && count >= 0 && count <= 10_000_000;
    }

    // Pickles read one after another from one member, with raw records between them.
    private sealed class Sequence
    {
        private readonly ScanContext context;
        private readonly PickleMachine machine;
        private readonly ContentAnalyzer analysis;

        public Sequence(ScanContext context)
        {
            this.context = context;
            var limits = context.Budget.Limits;
            Reader = new OpcodeReader(new ByteCursor(context.Source, 0, context.Source.Length), limits.MaxLineLength, limits.MaxInspectedValueBytes);
            machine = new PickleMachine(context);
            analysis = new ContentAnalyzer(context);
        }

        public OpcodeReader Reader { get; }

        public bool Next(out Value result)
        {
            StreamOutcome outcome = machine.Run(Reader, analysis);
            analysis.FinishStream();
            result = machine.Result;
            if (outcome == StreamOutcome.Stopped)
            {
                return true;
            }

            context.Findings.Add(outcome == StreamOutcome.Truncated ? RuleCatalog.TruncatedStream : outcome == StreamOutcome.LimitReached ? RuleCatalog.LimitExceeded : RuleCatalog.MalformedStream, machine.Problem ?? "malformed", null, context.Member, machine.ProblemOffset);
            return false;
        }

        public void Fail(string what) =>
            context.Findings.Add(RuleCatalog.MalformedStream, $"legacy torch tar: {what} cannot be read as torch reads it", null, context.Member, Reader.Position);

        public void ExpectEnd()
        {
            if (Reader.Position < context.Source.Length)
            {
                context.Findings.Add(RuleCatalog.TrailingData, $"{context.Source.Length - Reader.Position} bytes after the last record are not read by torch", null, context.Member, Reader.Position);
                PickleStreamScanner.Scan(context, Reader.Position, context.Source.Length);
            }
        }
    }
}
