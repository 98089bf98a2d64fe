using System;
using System.Collections.Generic;
using System.Linq;
using PickleBuildGuard.Json;

namespace PickleBuildGuard.Policy;

/// <summary>
/// The JSON policy format (schema: <c>docs/policy.schema.json</c>). Unknown properties are errors, so a typo
/// never silently loosens a policy.
/// <code>
/// { "strict": false, "allowGlobals": ["mypkg.models.*"], "blockGlobals": [],
///   "limits": { "maxOpcodes": 500000000, "timeoutSeconds": 120 } }
/// </code>
/// </summary>
public static class PolicyFile
{
    public static ScanPolicy Parse(string json)
    {
        object? document;
        try
        {
            document = JsonReader.Parse(json);
        }
        catch (FormatException e)
        {
            throw new PolicyException($"invalid JSON: {e.Message}", e);
        }

        if (document is not Dictionary<string, object?> root)
        {
            throw new PolicyException("the policy must be a JSON object");
        }

        ScanLimits limits = ScanLimits.Default;
        var allow = new List<string>();
        var block = new List<string>();
        bool strict = false;
        foreach (var property in root)
        {
            switch (property.Key)
            {
                case "$schema":
                    break;
                case "strict":
                    strict = property.Value as bool? ?? throw new PolicyException("'strict' must be true or false");
                    break;
                case "allowGlobals":
                    allow.AddRange(ReadStrings(property.Key, property.Value));
                    break;
                case "blockGlobals":
                    block.AddRange(ReadStrings(property.Key, property.Value));
                    break;
                case "limits":
                    limits = ReadLimits(property.Value);
                    break;
                default:
                    throw new PolicyException($"unknown property '{property.Key}' (expected strict, allowGlobals, blockGlobals, limits)");
            }
        }

        return new ScanPolicy { Limits = limits }.With(allow, block, strict);
    }

    private static IEnumerable<string> ReadStrings(string name, object? value)
    {
        if (value is not List<object?> items || items.Any(i => i is not string))
        {
            throw new PolicyException($"'{name}' must be an array of strings");
        }

        return items.Cast<string>();
    }

    private static ScanLimits ReadLimits(object? value)
    {
        if (value is not Dictionary<string, object?> limits)
        {
            throw new PolicyException("'limits' must be an object");
        }

        var d = ScanLimits.Default;
        long maxOpcodes = d.MaxOpcodes;
        int maxStack = d.MaxStackDepth, maxMarks = d.MaxMarkDepth, maxMemo = d.MaxMemoEntries, maxNested = d.MaxNestedPayloadDepth;
        int maxInspected = d.MaxInspectedValueBytes, maxDecoded = d.MaxDecodedPayloadBytes, maxLine = d.MaxLineLength, maxStreams = d.MaxStreams;
        long maxDecompressed = d.MaxDecompressedBytes;
        int maxRatio = d.MaxCompressionRatio, maxContainerDepth = d.MaxContainerDepth;
        TimeSpan timeout = d.Timeout;
        foreach (var limit in limits)
        {
            double number = limit.Value as double? ?? throw new PolicyException($"limit '{limit.Key}' must be a number");
            switch (limit.Key)
            {
                case "maxOpcodes": maxOpcodes = (long)Positive(limit.Key, number, long.MaxValue); break;
                case "maxStackDepth": maxStack = (int)Positive(limit.Key, number, 100_000_000); break;
                case "maxMarkDepth": maxMarks = (int)Positive(limit.Key, number, 100_000_000); break;
                case "maxMemoEntries": maxMemo = (int)Positive(limit.Key, number, 100_000_000); break;
                case "maxNestedPayloadDepth": maxNested = (int)Positive(limit.Key, number, 16); break;
                case "maxInspectedValueBytes": maxInspected = (int)Positive(limit.Key, number, 1 << 30); break;
                case "maxDecodedPayloadBytes": maxDecoded = (int)Positive(limit.Key, number, 1 << 30); break;
                case "maxLineLength": maxLine = (int)Positive(limit.Key, number, 1 << 30); break;
                case "maxStreams": maxStreams = (int)Positive(limit.Key, number, 10_000_000); break;
                case "timeoutSeconds": timeout = TimeSpan.FromSeconds(Positive(limit.Key, number, 86_400)); break;
                case "maxDecompressedBytes": maxDecompressed = (long)Positive(limit.Key, number, 1L << 40); break;
                case "maxCompressionRatio": maxRatio = (int)Positive(limit.Key, number, 1_000_000); break;
                case "maxContainerDepth": maxContainerDepth = (int)Positive(limit.Key, number, 64); break;
                default:
                    throw new PolicyException($"unknown limit '{limit.Key}'");
            }
        }

        return new ScanLimits
        {
            MaxOpcodes = maxOpcodes,
            MaxStackDepth = maxStack,
            MaxMarkDepth = maxMarks,
            MaxMemoEntries = maxMemo,
            MaxNestedPayloadDepth = maxNested,
            MaxInspectedValueBytes = maxInspected,
            MaxDecodedPayloadBytes = maxDecoded,
            MaxLineLength = maxLine,
            MaxStreams = maxStreams,
            Timeout = timeout,
            MaxDecompressedBytes = maxDecompressed,
            MaxCompressionRatio = maxRatio,
            MaxContainerDepth = maxContainerDepth,
        };
    }

    private static double Positive(string name, double value, double max)
    {
        if (double.IsNaN(value) || value <= 0 || value > max)
        {
            string most = max >= long.MaxValue ? long.MaxValue.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            throw new PolicyException($"limit '{name}' must be greater than 0 and at most {most}");
        }

        // Counts must be whole numbers: 0.5 streams would silently become 0.
        if (name != "timeoutSeconds" && Math.Floor(value) != value)
        {
            throw new PolicyException($"limit '{name}' must be a whole number");
        }

        return value;
    }
}
