using System;
using System.Runtime.CompilerServices;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Containers;
using PickleBuildGuard.Detection;
using PickleBuildGuard.Pickle;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Machine;

/// <summary>
/// Executes one pickle stream symbolically: a typed stack with MARK frames and a memo, exactly as CPython's
/// unpickler would use them, but every import and call goes to the <see cref="ContentAnalyzer"/> instead of
/// running. Never throws on bad input: problems are reported and the machine keeps going where a later payload
/// could still be reached.
/// </summary>
internal sealed class PickleMachine
{
    private static readonly Value[] NoItems = Array.Empty<Value>();

    // Tuples up to this length keep their items, for call arguments and messages.
    private const int MaxKeptTupleItems = 16;

    private readonly ScanContext context;
    private readonly SymbolicStack stack;
    private readonly Memo memo;
    private bool expansionReported;
    private bool underflowReported;

    // Objects a container may imply through shared references before it is an expansion bomb; a real 100 MB
    // pickle holds tens of millions of objects at most.
    private const long ExpansionThreshold = 1_000_000_000;

    // A declared length this far past the end of the input is not a cut-off download.
    private const long AllocationBombBytes = 64L << 20;

    public PickleMachine(ScanContext context)
    {
        this.context = context;
        var limits = context.Budget.Limits;
        stack = new SymbolicStack(limits.MaxStackDepth, limits.MaxMarkDepth);
        memo = new Memo(limits.MaxMemoEntries);
    }

    /// <summary>The value STOP returned in the last run (what the loader's load() would return).</summary>
    public Value Result { get; private set; }

    /// <summary>Why the last run ended, for the PBG0 finding.</summary>
    public string? Problem { get; private set; }

    /// <summary>Offset (from the scanned range start) of the opcode where the last run ended.</summary>
    public long ProblemOffset { get; private set; }

    /// <summary>The first frame end (range offset) an opcode crossed: a loader honouring frames reads from there.</summary>
    public long FrameDivergenceAt { get; private set; } = -1;

    public StreamOutcome Run(OpcodeReader reader, ContentAnalyzer analysis)
    {
        stack.Clear();
        memo.Clear();
        expansionReported = false;
        underflowReported = false;
        FrameDivergenceAt = -1;
        Problem = null;
        ScanBudget budget = context.Budget;
        long opcodeLimit = budget.Limits.MaxOpcodes;
        long firstOpcodeAt = reader.Position;
        PickleOp op = default;
        InBufferOpcodes inBuffer = reader.InBuffer();

        while (true)
        {
            // Runs of data opcodes lying in the buffer go through the tight loop; it stops before any other opcode,
            // before the budget's next check, and right after an opcode that broke a stack rule (handled below).
            bool ranIntoTrouble = RunInBuffer(ref inBuffer, ref op, analysis);
            if (!ranIntoTrouble)
            {
                ReadStatus status = reader.Next(ref op);
                if (status != ReadStatus.Ok)
                {
                    return Fail(status, reader, op, analysis);
                }

                if (++budget.Opcodes > opcodeLimit)
                {
                    return OpcodeBudgetExceeded(op.Offset);
                }

                if ((budget.Opcodes & 0xFFFF) == 0 && budget.TimedOut)
                {
                    return TimeBudgetReached(op.Offset);
                }

                if (op.Info.BuildsData)
                {
                    ExecuteData(ref op, analysis);
                }
                else if (ExecuteObjectOpcode(op, reader, analysis, op.Offset == firstOpcodeAt) is { } end)
                {
                    return end;
                }
            }

            if (stack.Underflowed && !underflowReported)
            {
                underflowReported = true;
                ReportUnderflow(analysis, op);
            }

            if (!ranIntoTrouble)
            {
                // Only the general reader tracks frame ends (the in-buffer path stops short of them).
                if (reader.FrameCrossedAt >= 0)
                {
                    ReportFrameCrossing(analysis, reader, op);
                }

                // The general reader moved on (a refill, a FRAME, joblib data read after a BUILD): look at the buffer again.
                inBuffer = reader.InBuffer();
            }

            if (stack.Overflowed || memo.Overflowed)
            {
                return Limit(stack.Overflowed ? "stack or MARK depth limit reached" : "memo size limit reached", op.Offset);
            }
        }
    }

    /// <summary>
    /// Executes data opcodes read in place until one that is not (or not in the buffer), the budget's next check (its
    /// opcode count reaching the limit or a multiple of 65,536, where the general loop looks at the clock), or an opcode
    /// that broke a stack rule: then true, with that opcode in <paramref name="op"/> for the general loop to report.
    /// What it keeps across opcodes is in locals, so the loop runs from registers; it counts into the budget once.
    /// </summary>
    private bool RunInBuffer(ref InBufferOpcodes inBuffer, ref PickleOp op, ContentAnalyzer analysis)
    {
        // Locals, not the callers' variables through references: the JIT keeps locals in registers.
        InBufferOpcodes opcodes = inBuffer;
        PickleOp current = op;
        ScanBudget budget = context.Budget;
        long allowed = Math.Min(budget.Limits.MaxOpcodes, budget.Opcodes | 0xFFFF) - budget.Opcodes;
        long left = allowed;
        bool trouble = false;
        while (left > 0 && opcodes.TryRead(ref current))
        {
            left--;
            ExecuteData(ref current, analysis);
            if (stack.Overflowed || memo.Overflowed || (stack.Underflowed && !underflowReported))
            {
                trouble = true;
                break;
            }
        }

        opcodes.Commit();
        budget.Opcodes += allowed - left;
        inBuffer = opcodes;
        op = current;
        return trouble;
    }

    /// <summary>
    /// The opcodes that build or move plain values: scalars, strings, containers, the stack and the memo. Inlined into
    /// both loops, so every case is a call or a store that needs no temporary: a <see cref="Value"/> temporary would
    /// have to be zeroed on every opcode (it holds a reference).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExecuteData(ref PickleOp op, ContentAnalyzer analysis)
    {
        switch (op.Info.Behavior)
        {
            case OpcodeBehavior.PushInt:
                stack.PushScalar(ValueKind.Int, op.Int);
                break;
            case OpcodeBehavior.PushBool:
                stack.PushScalar(ValueKind.Bool, op.Info.Code == 0x88 ? 1 : 0);
                break;
            case OpcodeBehavior.PushNone:
                stack.PushScalar(ValueKind.None, 0);
                break;
            case OpcodeBehavior.PushFloat:
                stack.PushScalar(ValueKind.Float, 0);
                break;
            case OpcodeBehavior.PushStr:
                PushData(ValueKind.Str, ref op, isUtf8: op.Info.Argument is ArgumentKind.Unicode1 or ArgumentKind.Unicode4 or ArgumentKind.Unicode8);
                break;
            case OpcodeBehavior.PushBytes:
                PushData(ValueKind.Bytes, ref op, isUtf8: false);
                break;
            case OpcodeBehavior.PushByteArray:
                PushData(ValueKind.ByteArray, ref op, isUtf8: false);
                break;
            case OpcodeBehavior.PushEmptyList:
                stack.PushReference(ValueKind.List, new ContainerSize());
                break;
            case OpcodeBehavior.PushEmptyTuple:
                stack.PushReference(ValueKind.Tuple, NoItems);
                break;
            case OpcodeBehavior.PushEmptyDict:
                stack.PushReference(ValueKind.Dict, new ContainerSize());
                break;
            case OpcodeBehavior.PushEmptySet:
                stack.PushReference(ValueKind.Set, new ContainerSize());
                break;
            case OpcodeBehavior.Append:
                Append(analysis, op.Offset);
                break;
            case OpcodeBehavior.SetItem:
                SetItem(analysis, op.Offset);
                break;
            case OpcodeBehavior.SetItems:
                SetItems(analysis, op.Offset);
                break;
            case OpcodeBehavior.Appends:
            case OpcodeBehavior.AddItems:
                AddItemsFromMark(analysis, op.Offset);
                break;
            case OpcodeBehavior.ListFromMark:
                ContainerFromMark(ValueKind.List, analysis, op.Offset);
                break;
            case OpcodeBehavior.DictFromMark:
                ContainerFromMark(ValueKind.Dict, analysis, op.Offset);
                break;
            case OpcodeBehavior.FrozenSetFromMark:
                ContainerFromMark(ValueKind.FrozenSet, analysis, op.Offset);
                break;
            case OpcodeBehavior.TupleFromMark:
                TupleFromMark();
                break;
            case OpcodeBehavior.Tuple1:
                Tuple1();
                break;
            case OpcodeBehavior.Tuple2:
                Tuple2();
                break;
            case OpcodeBehavior.Tuple3:
                Tuple3();
                break;
            case OpcodeBehavior.Pop:
                stack.PopOrMark();
                break;
            case OpcodeBehavior.PopMark:
                stack.PopToMark(out _);
                break;
            case OpcodeBehavior.Dup:
                Dup();
                break;
            case OpcodeBehavior.Mark:
                stack.PushMark();
                break;
            case OpcodeBehavior.Get:
                MemoGet(op, analysis);
                break;
            case OpcodeBehavior.Put:
                MemoPut(op, analysis);
                break;
            case OpcodeBehavior.Memoize:
                Memoize();
                break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PushData(ValueKind kind, ref PickleOp op, bool isUtf8) => stack.Push(DataValue(kind, ref op, isUtf8));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Append(ContentAnalyzer analysis, long offset)
    {
        long size = ItemSize(stack.Pop());
        Grow(stack.Peek(), size, analysis, offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetItem(ContentAnalyzer analysis, long offset)
    {
        Value value = stack.Pop();
        Value key = stack.Pop();
        Value dict = stack.Peek();
        if (dict.Kind == ValueKind.Dict && dict.Ref is ContainerSize entries)
        {
            entries.Record(key, value);
        }

        Grow(dict, ItemSize(key) + ItemSize(value), analysis, offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetItems(ContentAnalyzer analysis, long offset)
    {
        int n = stack.PopToMark(out int start);
        Value dict = stack.Peek();
        if (dict.Kind == ValueKind.Dict && dict.Ref is ContainerSize entries)
        {
            Value[] items = stack.Items;
            for (int i = start; i + 1 < start + n && i < start + (2 * ContainerSize.MaxKeptEntries); i += 2)
            {
                entries.Record(items[i], items[i + 1]);
            }
        }

        Grow(dict, SliceSize(start, n), analysis, offset);
    }

    // APPENDS and ADDITEMS.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddItemsFromMark(ContentAnalyzer analysis, long offset)
    {
        int n = stack.PopToMark(out int start);
        Grow(stack.Peek(), SliceSize(start, n), analysis, offset);
    }

    // LIST, DICT and FROZENSET.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ContainerFromMark(ValueKind kind, ContentAnalyzer analysis, long offset)
    {
        int n = stack.PopToMark(out int start);
        var size = new ContainerSize();
        var container = new Value(kind, size);
        Grow(container, SliceSize(start, n), analysis, offset);
        stack.Push(container);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TupleFromMark()
    {
        int n = stack.PopToMark(out int start);
        stack.Push(TupleOf(start, n));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Tuple1()
    {
        Value a = stack.Pop();
        stack.Push(new Value(ValueKind.Tuple, new[] { a }, SizeOf(a)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Tuple2()
    {
        Value b = stack.Pop();
        Value a = stack.Pop();
        stack.Push(new Value(ValueKind.Tuple, new[] { a, b }, ContainerSize.Saturating(SizeOf(a) + SizeOf(b))));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Tuple3()
    {
        Value c = stack.Pop();
        Value b = stack.Pop();
        Value a = stack.Pop();
        stack.Push(new Value(ValueKind.Tuple, new[] { a, b, c }, ContainerSize.Saturating(SizeOf(a) + SizeOf(b) + SizeOf(c))));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Dup() => stack.Push(stack.Peek());

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MemoGet(in PickleOp op, ContentAnalyzer analysis)
    {
        if (memo.TryGet(op.IsBigInteger ? -1 : op.Int, out Value remembered))
        {
            stack.Push(remembered);
        }
        else
        {
            ReportMemoMiss(analysis, op);
            stack.Push(Value.Unknown);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MemoPut(in PickleOp op, ContentAnalyzer analysis)
    {
        if (op.Int < 0 || op.IsBigInteger)
        {
            ReportInvalidMemoIndex(analysis, op);
        }

        memo.Put(op.Int, stack.Peek());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Memoize() => memo.Put(memo.Count, stack.Peek());

    // Imports, calls, object state, persistent ids and stream control. Each costs far more than its dispatch, so they
    // run outside the opcode loop, which keeps its registers for the data opcodes that make up most of a stream.
    // Returns the outcome when the stream ends here, null to go on.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StreamOutcome? ExecuteObjectOpcode(in PickleOp op, OpcodeReader reader, ContentAnalyzer analysis, bool firstInStream)
    {
        switch (op.Info.Behavior)
        {
            case OpcodeBehavior.Global:
                stack.Push(new Value(ValueKind.Global, analysis.ResolveGlobal(op.Text, op.Name, GlobalOrigin.Literal, op.Offset)));
                break;
            case OpcodeBehavior.StackGlobal:
            {
                Value name = stack.Pop();
                Value module = stack.Pop();
                stack.Push(new Value(ValueKind.Global, analysis.ResolveStackGlobal(module, name, op.Offset)));
                break;
            }

            case OpcodeBehavior.Inst:
            {
                int n = stack.PopToMark(out int start);
                Value args = TupleOf(start, n);
                var cls = new Value(ValueKind.Global, analysis.ResolveGlobal(op.Text, op.Name, GlobalOrigin.Literal, op.Offset));
                stack.Push(new Value(ValueKind.CallResult, analysis.Invoke(cls, args, InvokeKind.Inst, op.Offset)));
                break;
            }

            case OpcodeBehavior.Obj:
            {
                int n = stack.PopToMark(out int start);
                if (n == 0)
                {
                    stack.Underflowed = true;
                    stack.Push(Value.Unknown);
                    break;
                }

                Value cls = stack.At(start);
                Value args = TupleOf(start + 1, n - 1);
                stack.Push(new Value(ValueKind.CallResult, analysis.Invoke(cls, args, InvokeKind.Obj, op.Offset)));
                break;
            }

            case OpcodeBehavior.Reduce:
            {
                Value args = stack.Pop();
                Value callable = stack.Pop();
                stack.Push(new Value(ValueKind.CallResult, analysis.Invoke(callable, args, InvokeKind.Reduce, op.Offset)));
                break;
            }

            case OpcodeBehavior.NewObj:
            {
                Value args = stack.Pop();
                Value cls = stack.Pop();
                stack.Push(new Value(ValueKind.CallResult, analysis.Invoke(cls, args, InvokeKind.NewObj, op.Offset)));
                break;
            }

            case OpcodeBehavior.NewObjEx:
            {
                stack.Pop();
                Value args = stack.Pop();
                Value cls = stack.Pop();
                stack.Push(new Value(ValueKind.CallResult, analysis.Invoke(cls, args, InvokeKind.NewObjEx, op.Offset)));
                break;
            }

            case OpcodeBehavior.Build:
            {
                Value state = stack.Pop();
                Value target = stack.Peek();
                analysis.Build(target, op.Offset);
                analysis.BuildState(state, op.Offset);
                if (target.Call is { } built)
                {
                    built.State = state;
                    if (JoblibArrays.IsWrapper(built))
                    {
                        // joblib writes the array's bytes into the stream right after this BUILD.
                        StreamOutcome? after = JoblibArrays.ReadArrayData(context, reader, built, op.Offset, out string? problem);
                        if (after is { } failed)
                        {
                            Problem = problem;
                            ProblemOffset = op.Offset;
                            return failed;
                        }
                    }
                }

                break;
            }
            case OpcodeBehavior.Ext:
                analysis.Extension(op.Int, op.Offset);
                stack.Push(new Value(ValueKind.Extension));
                break;
            case OpcodeBehavior.PersId:
                analysis.PersistentId(op.Offset);
                stack.Push(new Value(ValueKind.Persistent));
                break;
            case OpcodeBehavior.BinPersId:
            {
                Value pid = stack.Pop();
                analysis.PersistentId(op.Offset);

                // Legacy torch.save(model) stores a module's class as ('module', cls, file, source): the object
                // persistent_load returns is that class, judged like any global when it is instantiated.
                if (context.PersistentIdsExpected && pid.Items is { Length: >= 2 } parts && parts[0].Text == "module" && parts[1].Kind == ValueKind.Global)
                {
                    stack.Push(parts[1]);
                }
                else
                {
                    stack.Push(new Value(ValueKind.Persistent));
                }

                break;
            }
            case OpcodeBehavior.NextBuffer:
                stack.Push(new Value(ValueKind.Buffer));
                break;
            case OpcodeBehavior.ReadOnlyBuffer:
                stack.Peek();
                break;
            case OpcodeBehavior.Proto:
                CheckProto(analysis, op, firstInStream);
                break;
            case OpcodeBehavior.Frame:
                ReportFrameIssues(analysis, reader, op);
                break;
            case OpcodeBehavior.Stop:
                Result = stack.Pop();
                if (stack.Underflowed && !underflowReported)
                {
                    analysis.Malformed("an opcode used more stack values or marks than there were", op.Offset);
                }

                return StreamOutcome.Stopped;
        }

        return null;
    }

    // Implied object count of a value: 1 for scalars, the expanded size for containers.
    private static long SizeOf(in Value value) => value.Ref is ContainerSize container ? container.Count + 1 : value.Kind == ValueKind.Tuple && value.Number > 0 ? value.Number + 1 : 1;

    // A container still on the stack below is an ancestor being built: a reference to it is a cycle, not an
    // expansion, and counts once (real object graphs have cycles; billion-laughs graphs reuse finished parts).
    private long ItemSize(in Value item) =>
        item.Ref is ContainerSize open && stack.HoldsBelow(open, stack.Count, 256) ? 1 : SizeOf(item);

    private long SliceSize(int start, int count)
    {
        long total = count;
        Value[] items = stack.Items;
        for (int i = start, end = start + count; i < end; i++)
        {
            // Scalars (no reference) count one; only containers and tuples can weigh more.
            if (items[i].Kind == ValueKind.Tuple || items[i].Ref is ContainerSize)
            {
                Value item = items[i];
                total += (item.Ref is ContainerSize open && stack.HoldsBelow(open, start, 256) ? 1 : SizeOf(item)) - 1;
            }
        }

        return ContainerSize.Saturating(total);
    }

    private void Grow(in Value container, long added, ContentAnalyzer analysis, long offset)
    {
        if (container.Ref is not ContainerSize size)
        {
            return;
        }

        size.Add(added);
        if (size.Count > ExpansionThreshold && !expansionReported)
        {
            expansionReported = true;
            analysis.Expansion(size.Count, offset);
        }
    }

    private Value DataValue(ValueKind kind, ref PickleOp op, bool isUtf8)
    {
        object? reference = op.Text;
        if (op.Text is { Length: > 64 } text)
        {
            ScanBudget budget = context.Budget;
            if (budget.RetainedChars > ScanBudget.MaxRetainedChars)
            {
                reference = null;
            }
            else
            {
                budget.RetainedChars += text.Length;
            }
        }

        if (op.WindowLength >= NestedPayloadInspector.MinimumLength || (reference is null && op.DataLength > 0))
        {
            NestedPayload? nested = op.WindowLength >= NestedPayloadInspector.MinimumLength
                ? NestedPayloadInspector.Inspect(context, op.Window!, op.WindowIndex, op.WindowLength, op.DataOffset, op.DataLength, op.Offset)
                : null;
            if (reference is null || nested is not null)
            {
                var range = new DataRange(op.DataOffset, op.DataLength, isUtf8) { Nested = nested };
                return new Value(kind, reference is null ? range : reference, op.DataLength);
            }
        }

        return new Value(kind, reference, op.DataLength);
    }

    private Value TupleOf(int start, int count)
    {
        if (count == 0)
        {
            return new Value(ValueKind.Tuple, NoItems);
        }

        long size = SliceSize(start, count);
        if (count > MaxKeptTupleItems)
        {
            return new Value(ValueKind.Tuple, null, size);
        }

        var items = new Value[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = stack.At(start + i);
        }

        return new Value(ValueKind.Tuple, items, size);
    }

    // The reports below are kept out of the opcode loop: their message formatting would otherwise be inlined into
    // it and slow every opcode down.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReportMemoMiss(ContentAnalyzer analysis, in PickleOp op) =>
        analysis.Malformed($"{op.Info.Name} {op.Int} reads a memo entry that was never stored", op.Offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReportInvalidMemoIndex(ContentAnalyzer analysis, in PickleOp op) =>
        analysis.Malformed($"{op.Info.Name} with an invalid memo index", op.Offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckProto(ContentAnalyzer analysis, in PickleOp op, bool firstInStream)
    {
        if (!firstInStream)
        {
            analysis.Structural($"PROTO {op.Int} in the middle of the stream (picklers write it only first)", op.Offset);
        }

        if (op.Int > 5)
        {
            analysis.Malformed($"unsupported pickle protocol {op.Int}", op.Offset);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReportFrameIssues(ContentAnalyzer analysis, OpcodeReader reader, in PickleOp op)
    {
        if (reader.FrameOverrun > 0)
        {
            analysis.Truncated($"FRAME declares {op.Int:N0} bytes, {reader.FrameOverrun:N0} more than the stream holds", op.Offset);
        }

        if (reader.FrameNested)
        {
            analysis.Structural("FRAME begins before the previous frame ended", op.Offset);
        }

        reader.AcknowledgeFrameIssue();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ReportUnderflow(ContentAnalyzer analysis, in PickleOp op) =>
        analysis.Malformed($"{op.Info.Name} needs more stack values or a MARK than there are", op.Offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportFrameCrossing(ContentAnalyzer analysis, OpcodeReader reader, in PickleOp op)
    {
        analysis.Structural($"{op.Info.Name} crosses the end of its FRAME at offset {reader.FrameCrossedAt}; loaders disagree on what follows", op.Offset);
        FrameDivergenceAt = FrameDivergenceAt < 0 ? reader.FrameCrossedAt : FrameDivergenceAt;
        reader.AcknowledgeFrameIssue();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StreamOutcome OpcodeBudgetExceeded(long offset) =>
        Limit($"opcode budget of {context.Budget.Limits.MaxOpcodes:N0} exceeded", offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StreamOutcome TimeBudgetReached(long offset) =>
        Limit($"time budget of {context.Budget.Limits.Timeout.TotalSeconds:0} s reached", offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StreamOutcome Fail(ReadStatus status, OpcodeReader reader, in PickleOp op, ContentAnalyzer analysis)
    {
        if (status == ReadStatus.Truncated && op.DataLength - reader.TruncatedRemaining > AllocationBombBytes)
        {
            analysis.AllocationBomb(op.Info.Name, op.DataLength, reader.TruncatedRemaining, op.Offset);
        }

        ProblemOffset = op.Offset;
        switch (status)
        {
            case ReadStatus.End:
            case ReadStatus.Truncated:
                Problem = status == ReadStatus.End
                    ? "the stream ends without a STOP opcode"
                    : $"the stream ends inside the argument of {op.Info?.Name ?? "an opcode"}";
                return StreamOutcome.Truncated;
            case ReadStatus.InvalidOpcode:
                Problem = $"byte 0x{op.Int:x2} is not a pickle opcode";
                return StreamOutcome.Invalid;
            default:
                Problem = $"invalid argument for {op.Info?.Name}: {reader.Problem}";
                return StreamOutcome.Invalid;
        }
    }

    private StreamOutcome Limit(string message, long offset)
    {
        Problem = message;
        ProblemOffset = offset;
        return StreamOutcome.LimitReached;
    }
}
