using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace PickleBuildGuard.Gate;

/// <summary>
/// An exclusive lock file next to the cache, so the inner builds of a multi-targeted project (which may run in
/// parallel in different MSBuild nodes) scan each file once: the second waits, then finds the first one's results.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream stream;

    private CacheLock(FileStream stream) => this.stream = stream;

    // The file stays in obj/: deleting it on release would let two waiters lock two different files.
    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/>; null when it cannot be had (then work unlocked).</summary>
    public static CacheLock? Acquire(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int delay = 10;
        while (true)
        {
            try
            {
                string? directory = Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 250);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
