using System.IO;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard;

/// <summary>
/// The runtime guard: call it before handing a path, stream or bytes to anything that unpickles
/// (pythonnet, CSnakes, a python child process, Razorvine.Pickle…). Only a complete, clean scan passes.
/// </summary>
public static class PickleGuard
{
    private static readonly PickleScanner DefaultScanner = new();

    /// <summary>Throws <see cref="PickleSecurityException"/> unless the file is clean under the policy (default policy when null).</summary>
    public static FileScanResult EnsureSafe(string path, ScanPolicy? policy = null) =>
        Require(Scanner(policy).ScanFile(path));

    /// <summary>Scans the stream from its current position and rewinds it when it can seek, so the caller can load it next.</summary>
    public static FileScanResult EnsureSafe(Stream stream, ScanPolicy? policy = null)
    {
        long? start = stream is { CanSeek: true } ? stream.Position : null;
        var result = Scanner(policy).ScanStream(stream);
        if (start.HasValue)
        {
            stream.Position = start.Value;
        }

        return Require(result);
    }

    public static FileScanResult EnsureSafe(byte[] data, ScanPolicy? policy = null) => Require(Scanner(policy).ScanBytes(data));

    /// <summary>True only when the file was read completely and is clean.</summary>
    public static bool IsSafe(string path, ScanPolicy? policy = null) => Scanner(policy).ScanFile(path).SafeToLoad;

    public static bool IsSafe(Stream stream, ScanPolicy? policy = null)
    {
        long? start = stream is { CanSeek: true } ? stream.Position : null;
        bool safe = Scanner(policy).ScanStream(stream).SafeToLoad;
        if (start.HasValue)
        {
            stream.Position = start.Value;
        }

        return safe;
    }

    public static bool IsSafe(byte[] data, ScanPolicy? policy = null) => Scanner(policy).ScanBytes(data).SafeToLoad;

    private static PickleScanner Scanner(ScanPolicy? policy) => policy is null ? DefaultScanner : new PickleScanner(policy);

    private static FileScanResult Require(FileScanResult result) =>
        result.SafeToLoad ? result : throw new PickleSecurityException(result);
}
