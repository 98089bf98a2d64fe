using System.Collections.Generic;
using System.Linq;
using PickleBuildGuard.Fuzzing.Harness;

namespace PickleBuildGuard.Fuzzing.Oracles;

/// <summary>
/// The invariants every scan of every input must keep: no exception escapes, no scanner error (PBG0008), no hang,
/// bounded allocation, a self-consistent result (status, verdict, findings and SafeToLoad agree), and the input's own
/// expectation (a truncated payload never clean, a bomb over its limit, an intact payload still dangerous…).
/// </summary>
public static class InvariantChecker
{
    public const string Exception = "exception";
    public const string InternalError = "internal-error";
    public const string Hang = "hang";
    public const string Memory = "memory";
    public const string Consistency = "consistency";
    public const string Verdict = "verdict";

    public static List<Violation> Check(FuzzInput input, ScanObservation observation, HarnessBounds bounds)
    {
        var violations = new List<Violation>();
        if (observation.TimedOut)
        {
            violations.Add(new Violation(Hang, $"no result after {observation.Elapsed.TotalSeconds:F1} s"));
            return violations;
        }

        if (observation.Exception is { } e)
        {
            violations.Add(new Violation(Exception, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}"));
            return violations;
        }

        if (observation.Cpu > bounds.CpuBudget)
        {
            violations.Add(new Violation(Hang, $"took {observation.Cpu.TotalSeconds:F1} s of CPU ({observation.Elapsed.TotalSeconds:F1} s wall), budget {bounds.CpuBudget.TotalSeconds:F0} s"));
        }

        FileScanResult result = observation.Result!;
        long allowance = bounds.AllocationAllowance(input.Data.Length, result.DecompressedBytes);
        if (observation.AllocatedBytes > allowance)
        {
            violations.Add(new Violation(Memory, $"allocated {observation.AllocatedBytes:N0} bytes, allowance {allowance:N0} for {input.Data.Length:N0} input bytes and {result.DecompressedBytes:N0} decompressed"));
        }

        foreach (var finding in result.Findings.Where(f => f.RuleId == "PBG0008"))
        {
            violations.Add(new Violation(InternalError, finding.Message + (observation.LastThrown is { } thrown ? "\nthrown: " + thrown : string.Empty)));
        }

        CheckConsistency(result, violations);
        CheckExpectation(input.Expectation, result, violations);
        return violations;
    }

    private static void CheckConsistency(FileScanResult result, List<Violation> violations)
    {
        var worst = result.Findings.Select(f => f.Severity).DefaultIfEmpty(PickleBuildGuard.Verdict.Clean).Max();
        bool scanProblem = result.Findings.Any(f => f.RuleId.StartsWith("PBG0", System.StringComparison.Ordinal));
        if (result.Verdict < worst)
        {
            violations.Add(new Violation(Consistency, $"verdict {result.Verdict} is better than its worst finding ({worst})"));
        }

        if (scanProblem && result.Status == ScanStatus.Complete)
        {
            violations.Add(new Violation(Consistency, "status complete with a PBG0 finding"));
        }

        if (result.Status != ScanStatus.Complete && result.Verdict < PickleBuildGuard.Verdict.Unknown)
        {
            violations.Add(new Violation(Consistency, $"status {result.Status} with verdict {result.Verdict}"));
        }

        if (result.SafeToLoad != (result.Verdict == PickleBuildGuard.Verdict.Clean && result.Status == ScanStatus.Complete))
        {
            violations.Add(new Violation(Consistency, "SafeToLoad disagrees with verdict and status"));
        }
    }

    private static void CheckExpectation(Expectation expectation, FileScanResult result, List<Violation> violations)
    {
        if (expectation.IsAny)
        {
            return;
        }

        bool inRange = result.Verdict >= expectation.Minimum && result.Verdict <= expectation.Maximum;
        bool hasRule = expectation.RequiredRule is null || result.Findings.Any(f => f.RuleId == expectation.RequiredRule);
        if (!inRange || !hasRule)
        {
            string findings = string.Join("; ", result.Findings.Take(5).Select(f => $"{f.RuleId} {f.Severity} {f.Message}"));
            violations.Add(new Violation(Verdict, $"expected {expectation}, got {result.Verdict} ({result.Status}, {result.Format}): {findings}"));
        }
    }
}
