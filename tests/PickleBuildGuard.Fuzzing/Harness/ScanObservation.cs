using System;

namespace PickleBuildGuard.Fuzzing.Harness;

/// <summary>What one scan did: its result (or the exception that escaped), how long it took, what it allocated.</summary>
public sealed class ScanObservation
{
    public ScanObservation(FileScanResult? result, Exception? exception, TimeSpan elapsed, long allocatedBytes, bool timedOut, string? lastThrown = null, TimeSpan cpu = default)
    {
        Cpu = cpu;
        LastThrown = lastThrown;
        Result = result;
        Exception = exception;
        Elapsed = elapsed;
        AllocatedBytes = allocatedBytes;
        TimedOut = timedOut;
    }

    public FileScanResult? Result { get; }

    public Exception? Exception { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>CPU time of the process during the scan: the scan is its only running thread (non-concurrent GC).</summary>
    public TimeSpan Cpu { get; }

    /// <summary>Bytes allocated on the scanning thread during the scan (the scan is single-threaded).</summary>
    public long AllocatedBytes { get; }

    /// <summary>The scan had not finished when the wall-clock budget ran out; it was abandoned.</summary>
    public bool TimedOut { get; }

    /// <summary>
    /// The last exception thrown on the scanning thread during the scan, with the stack where it was thrown: the
    /// engine turns what it catches into PBG0008 with the message only, and this says where it came from.
    /// </summary>
    public string? LastThrown { get; }
}
