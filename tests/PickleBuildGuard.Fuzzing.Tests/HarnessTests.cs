using System;
using System.Linq;
using System.Threading;
using PickleBuildGuard.Fuzzing.Harness;
using PickleBuildGuard.Fuzzing.Oracles;
using Xunit;

namespace PickleBuildGuard.Fuzzing.Tests;

/// <summary>The harness catches each kind of failure it claims to: a fake scanner commits each one.</summary>
public sealed class HarnessTests
{
    private static readonly HarnessBounds Bounds = new() { CpuBudget = TimeSpan.FromSeconds(5), AbandonAfter = TimeSpan.FromMilliseconds(300) };

    private static FuzzInput Input(Expectation? expectation = null) => new(new byte[] { 0x80, 0x02, (byte)'N', (byte)'.' }, "test", "test", "test", expectation ?? Expectation.Any);

    private static FileScanResult Result(Verdict verdict, ScanStatus status, params Finding[] findings) =>
        new("x", "pickle", status, verdict, 0, null, Array.Empty<string>(), findings, Array.Empty<Notice>(), 4, 2);

    private static string[] Invariants(Func<byte[], FileScanResult> scan, FuzzInput? input = null)
    {
        using var worker = new ScanWorker(scan);
        var observation = worker.Run((input ?? Input()).Data, TimeSpan.FromSeconds(30));
        return InvariantChecker.Check(input ?? Input(), observation, Bounds).Select(v => v.Invariant).ToArray();
    }

    [Fact]
    public void Real_scan_of_a_benign_pickle_breaks_nothing()
    {
        Assert.Empty(Invariants(data => new PickleScanner().ScanBytes(data), Input(Expectation.Exactly(Verdict.Clean, "benign"))));
    }

    [Fact]
    public void Escaped_exception_is_a_failure()
    {
        Assert.Equal(new[] { InvariantChecker.Exception }, Invariants(_ => throw new InvalidOperationException("boom")));
    }

    [Fact]
    public void Scan_that_does_not_return_is_a_hang_and_its_worker_is_abandoned()
    {
        using var release = new ManualResetEventSlim();
        using var worker = new ScanWorker(_ =>
        {
            release.Wait();
            return Result(Verdict.Clean, ScanStatus.Complete);
        });

        var observation = worker.Run(Input().Data, Bounds.AbandonAfter);
        release.Set();

        Assert.True(observation.TimedOut);
        Assert.True(worker.Abandoned);
        Assert.Equal(InvariantChecker.Hang, Assert.Single(InvariantChecker.Check(Input(), observation, Bounds)).Invariant);
    }

    [Fact]
    public void Scan_that_burns_more_cpu_than_its_budget_is_a_hang()
    {
        var bounds = new HarnessBounds { CpuBudget = TimeSpan.FromMilliseconds(100) };
        using var worker = new ScanWorker(_ =>
        {
            // Spins until the process has used 400 ms of CPU, however loaded the machine is.
            TimeSpan start = Environment.CpuUsage.TotalTime;
            while (Environment.CpuUsage.TotalTime - start < TimeSpan.FromMilliseconds(400))
            {
                Thread.SpinWait(1000);
            }

            return Result(Verdict.Clean, ScanStatus.Complete);
        });

        var observation = worker.Run(Input().Data, TimeSpan.FromSeconds(30));

        Assert.Equal(InvariantChecker.Hang, Assert.Single(InvariantChecker.Check(Input(), observation, bounds)).Invariant);
    }

    [Fact]
    public void Scanner_error_finding_is_a_failure()
    {
        var error = new Finding("PBG0008", Verdict.Unknown, "NullReferenceException: …", null, null, null);
        Assert.Contains(InvariantChecker.InternalError, Invariants(_ => Result(Verdict.Unknown, ScanStatus.Inconclusive, error)));
    }

    [Fact]
    public void Allocation_over_the_allowance_is_a_failure()
    {
        var bounds = new HarnessBounds { AllocationBase = 1 << 20, AllocationPerByte = 0 };
        using var worker = new ScanWorker(_ =>
        {
            GC.KeepAlive(new byte[4 << 20]);
            return Result(Verdict.Clean, ScanStatus.Complete);
        });

        var observation = worker.Run(Input().Data, TimeSpan.FromSeconds(10));

        Assert.Equal(InvariantChecker.Memory, Assert.Single(InvariantChecker.Check(Input(), observation, bounds)).Invariant);
    }

    [Fact]
    public void Complete_status_with_a_scan_problem_is_inconsistent()
    {
        var truncated = new Finding("PBG0002", Verdict.Unknown, "truncated", null, null, 3);
        Assert.Contains(InvariantChecker.Consistency, Invariants(_ => Result(Verdict.Unknown, ScanStatus.Complete, truncated)));
    }

    [Fact]
    public void Clean_result_where_not_clean_is_expected_is_a_verdict_failure()
    {
        var input = Input(Expectation.NotClean("a truncated payload"));
        Assert.Equal(new[] { InvariantChecker.Verdict }, Invariants(_ => Result(Verdict.Clean, ScanStatus.Complete), input));
    }

    [Fact]
    public void Missing_required_rule_is_a_verdict_failure()
    {
        var input = Input(Expectation.AtLeast(Verdict.Unknown, "over a limit", "PBG0004"));
        var other = new Finding("PBG0002", Verdict.Unknown, "truncated", null, null, 3);
        Assert.Equal(new[] { InvariantChecker.Verdict }, Invariants(_ => Result(Verdict.Unknown, ScanStatus.Inconclusive, other), input));
    }
}
