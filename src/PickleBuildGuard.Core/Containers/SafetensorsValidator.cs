using System;
using System.Collections.Generic;
using System.Text;
using PickleBuildGuard.Input;
using PickleBuildGuard.Json;

namespace PickleBuildGuard.Containers;

/// <summary>
/// safetensors holds no code: a JSON header and raw tensor bytes. The file is clean when the header is valid JSON
/// and every tensor's byte range lies inside the data section, matches its dtype and shape, and overlaps no other.
/// </summary>
internal static class SafetensorsValidator
{
    private static readonly Dictionary<string, int> DtypeSizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1, ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4, ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    /// <summary>Null when valid, else why not.</summary>
    public static string? Validate(ByteSource source)
    {
        var lengthBytes = new byte[8];
        if (source.ReadAt(0, lengthBytes, 0, 8) != 8)
        {
            return "shorter than its header length field";
        }

        ulong headerLength = BitConverter.ToUInt64(lengthBytes, 0);
        if (headerLength > 100_000_000 || (long)headerLength + 8 > source.Length)
        {
            return $"header length {headerLength} does not fit in the file";
        }

        var text = new byte[headerLength];
        source.ReadAt(8, text, 0, text.Length);
        object? document;
        try
        {
            document = JsonReader.Parse(Encoding.UTF8.GetString(text).TrimEnd(' '));
        }
        catch (FormatException e)
        {
            return "header is not valid JSON: " + e.Message;
        }

        if (document is not Dictionary<string, object?> tensors)
        {
            return "header is not a JSON object";
        }

        long dataLength = source.Length - 8 - (long)headerLength;
        var ranges = new List<(long Begin, long End, string Name)>();
        foreach (var pair in tensors)
        {
            if (pair.Key == "__metadata__")
            {
                continue;
            }

            if (pair.Value is not Dictionary<string, object?> tensor
                || tensor.TryGetValue("dtype", out object? dtypeValue) is false || dtypeValue is not string dtype
                || tensor.TryGetValue("shape", out object? shapeValue) is false || shapeValue is not List<object?> shape
                || tensor.TryGetValue("data_offsets", out object? offsetsValue) is false || offsetsValue is not List<object?> { Count: 2 } offsets
                || offsets[0] is not double begin || offsets[1] is not double end)
            {
                return $"tensor '{pair.Key}' lacks dtype, shape or data_offsets";
            }

            if (begin < 0 || end < begin || end > dataLength)
            {
                return $"tensor '{pair.Key}' lies outside the data section ({begin}..{end} of {dataLength})";
            }

            if (DtypeSizes.TryGetValue(dtype, out int size))
            {
                double elements = 1;
                foreach (object? dimension in shape)
                {
                    elements *= dimension is double d && d >= 0 ? d : double.NaN;
                }

                if (double.IsNaN(elements) || Math.Abs((elements * size) - (end - begin)) > 0.5)
                {
                    return $"tensor '{pair.Key}' has {end - begin} bytes, not what {dtype} × shape needs";
                }
            }

            ranges.Add(((long)begin, (long)end, pair.Key));
        }

        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        for (int i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Begin < ranges[i - 1].End)
            {
                return $"tensors '{ranges[i - 1].Name}' and '{ranges[i].Name}' overlap";
            }
        }

        return null;
    }
}
