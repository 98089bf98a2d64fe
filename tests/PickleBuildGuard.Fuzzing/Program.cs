using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PickleBuildGuard.Fuzzing.Campaign;
using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Generation;
using PickleBuildGuard.Fuzzing.Harness;
using PickleBuildGuard.Fuzzing.Mutation;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing;

/// <summary>
/// <c>dotnet run --project tests/PickleBuildGuard.Fuzzing -c Release -- --inputs 1000000 --seed 1</c>. Exit code 0
/// when no input broke an invariant, 1 otherwise, 64 on bad usage.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: PickleBuildGuard.Fuzzing [--inputs N] [--seed N] [--first-index N] [--mutators a,b,...]
                                        [--cpu-seconds S] [--abandon-seconds S] [--max-minutes M] [--failures DIR] [--report FILE]
                                        [--fixtures DIR] [--cases] [--case NAME] [--write-input INDEX FILE]
          --cpu-seconds S       CPU time per input past which it counts as a hang (10)
          --abandon-seconds S   wall time after which a scan is abandoned as stuck (120)
          --cases               scan every case of the hostile-input catalogue once and print a table
          --case NAME           scan one case of the catalogue and print its findings
          --write-input I FILE  write input I of the seed to FILE (to replay a failure with pickleguard)
          --scan FILE           scan one file through the harness (CPU, allocation, findings)
          --indices I,J,...     replay only these inputs of the seed (the failures of an earlier run)
        """;

    private static int Main(string[] args)
    {
        var values = new Dictionary<string, string>();
        bool cases = false;
        string? oneCase = null;
        (long Index, string File)? write = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases":
                    cases = true;
                    break;
                case "--scan" when i + 1 < args.Length:
                    return ScanOne(args[++i]);
                case "--case" when i + 1 < args.Length:
                    oneCase = args[++i];
                    break;
                case "--write-input" when i + 2 < args.Length:
                    write = (long.Parse(args[i + 1], CultureInfo.InvariantCulture), args[i + 2]);
                    i += 2;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length:
                    values[option] = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
                    return 64;
            }
        }

        var bounds = new HarnessBounds
        {
            CpuBudget = TimeSpan.FromSeconds(Number(values, "--cpu-seconds", 10)),
            AbandonAfter = TimeSpan.FromSeconds(Number(values, "--abandon-seconds", 120)),
        };
        string fixtures = values.TryGetValue("--fixtures", out string? root) ? root : SeedCorpus.FindFixturesRoot(Directory.GetCurrentDirectory());
        if (cases || oneCase is not null)
        {
            return RunCases(bounds, oneCase);
        }

        var scanner = new PickleScanner();
        Console.Error.WriteLine($"loading fixtures from {fixtures}");
        var corpus = SeedCorpus.Load(fixtures, scanner);
        Console.Error.WriteLine($"{corpus.All.Count} fixtures ({corpus.Small.Count} up to {SeedCorpus.SmallSeedBytes / 1024} KiB, {corpus.Malicious.Count} dangerous or critical)");
        MutatorSet mutators = values.TryGetValue("--mutators", out string? names) ? MutatorSet.Default().Only(names.Split(',')) : MutatorSet.Default();
        var options = new CampaignOptions
        {
            Seed = (ulong)Number(values, "--seed", 1),
            Inputs = (long)Number(values, "--inputs", 10_000),
            FirstIndex = (long)Number(values, "--first-index", 0),
            Bounds = bounds,
            FailuresDirectory = values.GetValueOrDefault("--failures", Path.Combine("artifacts", "fuzz-failures")),
            MaxDuration = values.ContainsKey("--max-minutes") ? TimeSpan.FromMinutes(Number(values, "--max-minutes", 0)) : null,
            Progress = line => Console.Error.WriteLine(line),
        };
        var campaign = new FuzzCampaign(corpus, mutators, options, scanner);
        if (write is { } w)
        {
            FuzzInput input = campaign.MakeInput(w.Index);
            File.WriteAllBytes(w.File, input.Data);
            Console.WriteLine($"#{w.Index} {input.Mutator} {input.Origin}: {input.Description}\nexpected {input.Expectation}\nwritten to {w.File}");
            return 0;
        }

        if (values.TryGetValue("--indices", out string? list))
        {
            // Replays chosen inputs (the failures of an earlier run) with the current scanner.
            long failed = 0;
            foreach (string index in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var one = new FuzzCampaign(corpus, mutators, new CampaignOptions { Seed = options.Seed, Inputs = 1, FirstIndex = long.Parse(index, CultureInfo.InvariantCulture), Bounds = bounds, FailuresDirectory = options.FailuresDirectory }, scanner).Run();
                failed += one.FailureCount;
                Console.WriteLine($"#{index}: {(one.FailureCount == 0 ? "passes" : one.Summary())}");
            }

            Console.WriteLine($"{failed} of the replayed inputs fail");
            return failed == 0 ? 0 : 1;
        }

        CampaignResult result = campaign.Run();
        string summary = result.Summary();
        Console.WriteLine(summary);
        if (values.TryGetValue("--report", out string? report))
        {
            File.WriteAllText(report, summary);
        }

        return result.FailureCount == 0 ? 0 : 1;
    }

    // One file through the harness: CPU time, allocation and findings, to study an input a campaign flagged.
    private static int ScanOne(string path)
    {
        using var worker = new ScanWorker(data => new PickleScanner().ScanBytes(data));
        ScanObservation observation = worker.Run(File.ReadAllBytes(path), TimeSpan.FromMinutes(10));
        var result = observation.Result;
        Console.WriteLine($"{path}: {observation.Cpu.TotalMilliseconds:N0} ms CPU, {observation.AllocatedBytes:N0} bytes allocated, {result?.Verdict} {result?.Status} {result?.Format}, {result?.DecompressedBytes:N0} decompressed, {result?.OpcodeCount:N0} opcodes");
        foreach (var finding in result?.Findings.Take(10) ?? Enumerable.Empty<Finding>())
        {
            Console.WriteLine($"    {finding} x{finding.Occurrences}");
        }

        return 0;
    }

    private static int RunCases(HarnessBounds bounds, string? only)
    {
        var scanner = new PickleScanner();
        int failures = 0;
        Console.WriteLine("| case | bytes | CPU ms | allocated MiB | verdict | status | expected |");
        Console.WriteLine("|---|---:|---:|---:|---|---|---|");
        foreach (HostileCase hostile in HostileInputs.All.Where(c => only is null || c.Name == only))
        {
            FuzzInput input = hostile.Build();
            using var worker = new ScanWorker(data => scanner.ScanBytes(data));
            ScanObservation observation = worker.Run(input.Data, bounds.AbandonAfter);
            var violations = InvariantChecker.Check(input, observation, bounds);
            failures += violations.Count > 0 ? 1 : 0;
            var result = observation.Result;
            Console.WriteLine($"| {hostile.Name} | {input.Data.Length:N0} | {observation.Cpu.TotalMilliseconds:N0} | {observation.AllocatedBytes / 1048576.0:F1} | {result?.Verdict} | {result?.Status} | {input.Expectation} |"
                + string.Concat(violations.Select(v => $" **{v.Invariant}: {v.Message.Split('\n')[0]}**")));
            if (only is not null && result is not null)
            {
                foreach (var finding in result.Findings.Take(20))
                {
                    Console.WriteLine($"    {finding}  [{finding.Member}] x{finding.Occurrences}");
                }

                Console.WriteLine($"    {result.Findings.Count} findings, {result.Notices.Count} notices");
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static double Number(Dictionary<string, string> values, string name, double fallback) =>
        values.TryGetValue(name, out string? text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
