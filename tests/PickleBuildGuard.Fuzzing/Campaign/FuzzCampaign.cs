using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Harness;
using PickleBuildGuard.Fuzzing.Mutation;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Campaign;

/// <summary>
/// Runs inputs <c>FirstIndex..FirstIndex+Inputs-1</c> of a seed: each input is made from (seed, index) alone, scanned on
/// a worker thread under the harness bounds, and checked against every invariant. Deterministic: the same seed and
/// index give the same input on every run, so a failure is replayed with <c>--first-index N --inputs 1</c>.
/// </summary>
public sealed class FuzzCampaign
{
    private const int KeptRecords = 10;
    private const int KeptFailures = 200;

    private readonly SeedCorpus corpus;
    private readonly MutatorSet mutators;
    private readonly CampaignOptions options;
    private readonly PickleScanner scanner;

    public FuzzCampaign(SeedCorpus corpus, MutatorSet mutators, CampaignOptions options, PickleScanner? scanner = null)
    {
        this.corpus = corpus;
        this.mutators = mutators;
        this.options = options;
        this.scanner = scanner ?? new PickleScanner();
    }

    /// <summary>The input at <paramref name="index"/> of this campaign's seed.</summary>
    public FuzzInput MakeInput(long index)
    {
        var random = new FuzzRandom(options.Seed, (ulong)index);
        IMutator mutator = mutators.Draw(random);
        for (int attempt = 0; attempt < 16; attempt++)
        {
            if (mutator.Mutate(corpus, random) is { } input)
            {
                return input;
            }
        }

        // Nothing this mutator can aim at in 16 draws (rare): an unmodified fixture still checks every invariant.
        Seed seed = corpus.Draw(random);
        return new FuzzInput(seed.Bytes, mutator.Name, seed.Name, "unmodified (no target found)", Expectation.Any);
    }

    public CampaignResult Run()
    {
        var statistics = mutators.Mutators.ToDictionary(m => m.Name, m => new MutatorStatistics(m.Name));
        var failures = new List<InputRecord>();
        var slowest = new List<InputRecord>();
        var mostAllocating = new List<InputRecord>();
        long failureCount = 0;
        int hangs = 0;
        var worker = new ScanWorker(data => scanner.ScanBytes(data));
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        long run = 0;
        try
        {
            for (long index = options.FirstIndex; index < options.FirstIndex + options.Inputs; index++)
            {
                if (options.MaxDuration is { } max && clock.Elapsed > max)
                {
                    break;
                }

                FuzzInput input = MakeInput(index);
                ScanObservation observation = worker.Run(input.Data, options.Bounds.AbandonAfter);
                if (worker.Abandoned)
                {
                    hangs++;
                    worker = new ScanWorker(data => scanner.ScanBytes(data));
                }

                var violations = InvariantChecker.Check(input, observation, options.Bounds);
                run++;
                var stats = statistics[input.Mutator];
                stats.Inputs++;
                stats.InputBytes += input.Data.Length;
                double ms = observation.Cpu.TotalMilliseconds;
                stats.TotalMilliseconds += ms;
                stats.MaxMilliseconds = Math.Max(stats.MaxMilliseconds, ms);
                stats.MaxAllocatedBytes = Math.Max(stats.MaxAllocatedBytes, observation.AllocatedBytes);
                Verdict verdict = observation.Result?.Verdict ?? Verdict.Unknown;
                stats.Verdicts[verdict] = stats.Verdicts.TryGetValue(verdict, out long n) ? n + 1 : 1;

                var record = new InputRecord(index, input.Mutator, input.Origin, input.Description, input.Data.Length, ms, observation.Elapsed.TotalMilliseconds, observation.AllocatedBytes,
                    observation.Result is { } r ? $"{r.Verdict}/{r.Status}" : observation.TimedOut ? "timed out" : "exception", violations);
                KeepTop(slowest, record, r => r.Milliseconds);
                KeepTop(mostAllocating, record, r => r.AllocatedBytes);
                if (violations.Count > 0)
                {
                    stats.Failures++;
                    failureCount++;
                    if (failures.Count < KeptFailures)
                    {
                        failures.Add(record);
                        SaveFailure(record, input);
                    }
                }

                if (options.Progress is not null && clock.Elapsed - lastProgress >= options.ProgressInterval)
                {
                    lastProgress = clock.Elapsed;
                    options.Progress($"{DateTime.Now:HH:mm:ss} input {index:N0}: {run:N0} run, {run / clock.Elapsed.TotalSeconds:N0}/s, {failureCount} failures, {hangs} hangs");
                }
            }
        }
        finally
        {
            worker.Dispose();
        }

        clock.Stop();
        return new CampaignResult
        {
            Seed = options.Seed,
            FirstIndex = options.FirstIndex,
            InputsRun = run,
            Elapsed = clock.Elapsed,
            Mutators = statistics.Values.ToArray(),
            Failures = failures,
            FailureCount = failureCount,
            Slowest = slowest,
            MostAllocating = mostAllocating,
            PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64,
            Hangs = hangs,
        };
    }

    private static void KeepTop(List<InputRecord> top, InputRecord record, Func<InputRecord, double> key)
    {
        if (top.Count == KeptRecords && key(record) <= key(top[^1]))
        {
            return;
        }

        top.Add(record);
        top.Sort((a, b) => key(b).CompareTo(key(a)));
        if (top.Count > KeptRecords)
        {
            top.RemoveAt(top.Count - 1);
        }
    }

    private void SaveFailure(InputRecord record, FuzzInput input)
    {
        if (options.FailuresDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(options.FailuresDirectory);
        string stem = Path.Combine(options.FailuresDirectory, $"seed{options.Seed}-{record.Index}-{record.Mutator}");
        File.WriteAllBytes(stem + ".bin", input.Data);
        File.WriteAllText(stem + ".txt",
            $"seed {options.Seed} index {record.Index}\nmutator {record.Mutator}\norigin {record.Origin}\n{record.Description}\nexpected {input.Expectation}\nresult {record.Verdict} in {record.Milliseconds:F0} ms of CPU ({record.WallMilliseconds:F0} ms wall), {record.AllocatedBytes:N0} bytes allocated\n"
            + string.Join("\n", record.Violations.Select(v => $"{v.Invariant}: {v.Message}")) + "\n");
    }
}
