using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Gate;

/// <summary>
/// A hash of everything in a <see cref="ScanPolicy"/> that can change a scan's result, plus the engine version: a
/// cached result is only reused under the same fingerprint.
/// </summary>
internal static class PolicyFingerprint
{
    public static string Of(ScanPolicy policy)
    {
        var limits = policy.Limits;
        var text = new StringBuilder()
            .Append("engine=").Append(ThisAssembly.Version).Append('\n')
            // A deterministic build's module id changes with any change of code or embedded knowledge, even between releases.
            .Append("module=").Append(typeof(PolicyFingerprint).Assembly.ManifestModule.ModuleVersionId).Append('\n')
            .Append("allow=").Append(string.Join(";", policy.AllowedGlobals.Select(p => p.Text))).Append('\n')
            .Append("block=").Append(string.Join(";", policy.BlockedGlobals.Select(p => p.Text))).Append('\n')
            .Append("strict=").Append(policy.Strict).Append('\n')
            .Append("limits=");
        foreach (long limit in new[]
        {
            limits.MaxOpcodes, limits.MaxStackDepth, limits.MaxMarkDepth, limits.MaxMemoEntries, limits.MaxNestedPayloadDepth,
            limits.MaxInspectedValueBytes, limits.MaxDecodedPayloadBytes, limits.MaxLineLength, limits.Timeout.Ticks,
            limits.MaxStreams, limits.MaxDecompressedBytes, limits.MaxCompressionRatio, limits.MaxContainerDepth,
        })
        {
            // A loop, not Select over long: LINQ instantiated over a value type is not in the ReadyToRun image.
            text.Append(limit.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        using var sha = SHA256.Create();
        return Hex.Of(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
