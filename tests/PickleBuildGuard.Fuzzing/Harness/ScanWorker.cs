using System;
using System.Diagnostics;
using System.Threading;

namespace PickleBuildGuard.Fuzzing.Harness;

/// <summary>
/// Scans inputs one at a time on a dedicated thread, so the campaign can stop waiting for a scan that hangs. A thread
/// cannot be killed in .NET: a hung worker is abandoned (it is a background thread) and a new one takes over. The
/// thread has the default stack size, as the CLI's thread-pool threads do, so deep recursion fails here as it would
/// there.
/// </summary>
public sealed class ScanWorker : IDisposable
{
    private readonly Func<byte[], FileScanResult> scan;
    private readonly SemaphoreSlim started = new(0);
    private readonly SemaphoreSlim finished = new(0);
    private readonly Thread thread;
    private byte[] input = Array.Empty<byte>();
    private ScanObservation? observation;
    private volatile bool stopping;

    [ThreadStatic]
    private static string? lastThrown;

    [ThreadStatic]
    private static bool isScanThread;

    static ScanWorker()
    {
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (isScanThread)
            {
                lastThrown = e.Exception.GetType().Name + ": " + e.Exception.Message + Environment.NewLine + Environment.StackTrace;
            }
        };
    }

    public ScanWorker(Func<byte[], FileScanResult> scan)
    {
        this.scan = scan;
        thread = new Thread(Loop) { IsBackground = true, Name = "fuzz-scan" };
        thread.Start();
    }

    /// <summary>Set once a scan overran its budget: this worker is still busy and must not be used again.</summary>
    public bool Abandoned { get; private set; }

    public ScanObservation Run(byte[] data, TimeSpan budget)
    {
        if (Abandoned)
        {
            throw new InvalidOperationException("this worker was abandoned after a hang");
        }

        input = data;
        var clock = Stopwatch.StartNew();
        started.Release();
        if (finished.Wait(budget))
        {
            return observation!;
        }

        Abandoned = true;
        return new ScanObservation(null, null, clock.Elapsed, 0, timedOut: true);
    }

    public void Dispose()
    {
        stopping = true;
        if (!Abandoned)
        {
            started.Release();
        }
    }

    private void Loop()
    {
        isScanThread = true;
        while (true)
        {
            started.Wait();
            if (stopping)
            {
                return;
            }

            byte[] data = input;
            lastThrown = null;
            long before = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            FileScanResult? result = null;
            Exception? escaped = null;
            try
            {
                result = scan(data);
            }
            catch (Exception e)
            {
                escaped = e;
            }

            clock.Stop();
            observation = new ScanObservation(result, escaped, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before, timedOut: false, lastThrown, Environment.CpuUsage.TotalTime - cpuBefore);
            finished.Release();
        }
    }
}
