using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PickleBuildGuard.Fuzzing.Corpus;

/// <summary>
/// Every fixture under tests/fixtures (pickles, containers, compression, sevenzip, regressions), each scanned once
/// unmodified. Generator scripts, manifests and checksum files are not inputs and are left out.
/// </summary>
public sealed class SeedCorpus
{
    /// <summary>Seeds up to this size are drawn most of the time, so a campaign is not dominated by a few MB-sized files.</summary>
    public const int SmallSeedBytes = 256 << 10;

    private static readonly string[] FixtureDirectories = { "pickles", "containers", "compression", "sevenzip", "regressions" };

    private static readonly string[] NotInputs = { ".py", ".tsv", ".md", ".sha256" };

    private SeedCorpus(IReadOnlyList<Seed> seeds)
    {
        All = seeds;
        Small = seeds.Where(s => s.Bytes.Length <= SmallSeedBytes).ToArray();
        Malicious = seeds.Where(s => s.IsMalicious).ToArray();
        MaliciousBarePickles = seeds.Where(s => s.FirstDangerousOffset >= 0 && s.Baseline.Format == "pickle").ToArray();
    }

    public IReadOnlyList<Seed> All { get; }

    public IReadOnlyList<Seed> Small { get; }

    public IReadOnlyList<Seed> Malicious { get; }

    /// <summary>Bare pickles with a dangerous finding at a known offset (the prefix-preserving mutator's seeds).</summary>
    public IReadOnlyList<Seed> MaliciousBarePickles { get; }

    /// <summary>Most draws from the small seeds, some from all of them.</summary>
    public Seed Draw(FuzzRandom random) => random.Chance(0.85) && Small.Count > 0 ? random.Pick(Small) : random.Pick(All);

    public Seed? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static SeedCorpus Load(string fixturesRoot, PickleScanner scanner, Func<string, bool>? include = null)
    {
        var seeds = new List<Seed>();
        foreach (string directory in FixtureDirectories)
        {
            string full = Path.Combine(fixturesRoot, directory);
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                string name = Path.GetRelativePath(fixturesRoot, file).Replace(Path.DirectorySeparatorChar, '/');
                if (NotInputs.Any(ext => name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) || (include is not null && !include(name)))
                {
                    continue;
                }

                byte[] bytes = File.ReadAllBytes(file);
                seeds.Add(new Seed(name, bytes, scanner.ScanBytes(bytes, name)));
            }
        }

        if (seeds.Count == 0)
        {
            throw new InvalidOperationException($"no fixtures under {fixturesRoot}");
        }

        return new SeedCorpus(seeds);
    }

    /// <summary>tests/fixtures of the repository that contains <paramref name="start"/> (found by PickleBuildGuard.sln).</summary>
    public static string FindFixturesRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PickleBuildGuard.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures");
            }
        }

        throw new InvalidOperationException("repository root (PickleBuildGuard.sln) not found above " + start);
    }
}
