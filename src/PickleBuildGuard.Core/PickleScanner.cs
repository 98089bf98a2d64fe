using System;
using System.IO;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard;

/// <summary>
/// Scans pickle content statically: nothing is loaded, imported or executed. Thread-safe; reuse one instance.
/// No exception escapes a scan: unreadable or broken input gives a result with a PBG0 finding.
/// </summary>
public sealed class PickleScanner
{
    public PickleScanner(ScanPolicy? policy = null)
    {
        Policy = policy ?? ScanPolicy.Default;
    }

    public ScanPolicy Policy { get; }

    /// <summary>Scans a file; <paramref name="displayPath"/> is what the report calls it (default: <paramref name="path"/>).</summary>
    public FileScanResult ScanFile(string path, string? displayPath = null) =>
        Scanning.FileScan.Run(path, displayPath ?? path, Policy);

    /// <summary>Scans a stream from its current position to its end. A non-seekable stream is spooled, bounded.</summary>
    public FileScanResult ScanStream(Stream stream, string label = "<stream>")
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        return Scanning.FileScan.Run(stream, label, Policy);
    }

    /// <summary>Scans bytes in memory.</summary>
    public FileScanResult ScanBytes(byte[] data, string label = "<bytes>")
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Scanning.FileScan.Run(data, label, Policy);
    }

    /// <summary>
    /// Whether the first bytes of <paramref name="path"/> look like a pickle or a model container, whatever the
    /// extension (used to pick files out of a directory). False when the file cannot be read.
    /// </summary>
    public static bool LooksLikeModelFile(string path) => Scanning.FormatSniffer.LooksLikeModelFile(path);
}
