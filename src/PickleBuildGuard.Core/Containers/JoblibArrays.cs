using System;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Machine;
using PickleBuildGuard.Pickle;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Containers;

/// <summary>
/// joblib's raw format interleaves array bytes with the pickle: after the BUILD of each
/// <c>joblib.numpy_pickle.NumpyArrayWrapper</c>, joblib's unpickler reads the array straight from the stream —
/// an alignment byte and padding, then shape × itemsize bytes, or, for object arrays, a separate protocol-2 pickle.
/// This reads them exactly as joblib does (skipping raw data, scanning the embedded pickle).
/// </summary>
internal static class JoblibArrays
{
    private const string WrapperName = "joblib.numpy_pickle.NumpyArrayWrapper";

    public static bool IsWrapper(CallRecord built) =>
        built.Callee.Kind == ValueKind.Global && built.Callee.Global!.FullName == WrapperName;

    /// <summary>Null when the stream may go on; otherwise how it ended, with <paramref name="problem"/> set.</summary>
    public static StreamOutcome? ReadArrayData(ScanContext context, OpcodeReader reader, CallRecord wrapper, long offset, out string? problem)
    {
        problem = null;
        context.SawJoblibArrays = true;
        if (wrapper.State.Ref is not ContainerSize state || !state.TryGet("shape", out Value shape) || !state.TryGet("dtype", out Value dtype))
        {
            problem = "a joblib array wrapper without a readable shape and dtype: its data cannot be located";
            return StreamOutcome.Invalid;
        }

        if (!TryCount(shape, out long count) || !TryItemSize(dtype, out long itemSize, out bool objects))
        {
            problem = $"a joblib array wrapper with shape {shape.Describe()} and dtype {dtype.Describe()} the scanner cannot size";
            return StreamOutcome.Invalid;
        }

        if (objects)
        {
            // An object array is a complete protocol-2 pickle of its own, read by a separate unpickler.
            var inner = new PickleMachine(context);
            var innerAnalysis = new ContentAnalyzer(context);
            StreamOutcome outcome = inner.Run(reader, innerAnalysis);
            innerAnalysis.FinishStream();
            if (outcome != StreamOutcome.Stopped)
            {
                problem = $"the object array after the joblib wrapper at {offset}: {inner.Problem}";
                return outcome;
            }

            return null;
        }

        if (state.TryGet("numpy_array_alignment_bytes", out Value alignment) && alignment.Kind == ValueKind.Int)
        {
            int padding = reader.ReadRawByte();
            if (padding < 0 || !reader.SkipRaw(padding))
            {
                problem = "the stream ends inside a joblib array's alignment padding";
                return StreamOutcome.Truncated;
            }
        }

        long bytes = count * itemSize;
        if (count > 0 && bytes / count != itemSize)
        {
            problem = "a joblib array whose size overflows";
            return StreamOutcome.Invalid;
        }

        if (!reader.SkipRaw(bytes))
        {
            problem = $"the stream ends inside a joblib array of {bytes:N0} bytes";
            return StreamOutcome.Truncated;
        }

        return null;
    }

    private static bool TryCount(in Value shape, out long count)
    {
        count = 1;
        if (shape.Kind != ValueKind.Tuple || shape.Items is not { } dimensions)
        {
            return false;
        }

        foreach (Value dimension in dimensions)
        {
            if (dimension.Kind != ValueKind.Int || dimension.Number < 0)
            {
                return false;
            }

            count = dimension.Number == 0 ? 0 : count > long.MaxValue / dimension.Number ? -1 : count * dimension.Number;
            if (count < 0)
            {
                return false;
            }
        }

        return true;
    }

    // numpy.dtype('f8', False, True) with BUILD state (3, '<', subdescr, names, fields, elsize, alignment, flags).
    private static bool TryItemSize(in Value dtype, out long itemSize, out bool objects)
    {
        itemSize = 0;
        objects = false;
        if (dtype.Call is not { } call || call.Arguments.Items is not { Length: > 0 } arguments || arguments[0].Text is not { Length: > 0 } code)
        {
            return false;
        }

        objects = code[0] == 'O';
        if (call.State.Items is { Length: >= 6 } state && state[5].Kind == ValueKind.Int && state[5].Number > 0)
        {
            itemSize = state[5].Number;
            return true;
        }

        int digits = 0;
        while (digits < code.Length && !char.IsDigit(code[digits]))
        {
            digits++;
        }

        return long.TryParse(code.Substring(digits), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out itemSize) && itemSize > 0
            || (code == "b" || code == "?") && (itemSize = 1) == 1;
    }
}
