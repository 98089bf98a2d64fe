using System.IO;
using System.Linq;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PickleBuildGuard.Gate;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// The steady-state cost of a no-op build's gate: 200 unchanged model files (over 1 GB together), every result
/// from the authenticated cache, diagnostics replayed. The whole-process figure (task load and JIT included) is
/// the build-overhead mode's.
/// </summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private BuildItem[] items = null!;
    private string cacheFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pbg-bench-gate");
        Directory.CreateDirectory(folder);
        items = Enumerable.Range(0, 200).Select(i =>
        {
            string path = Path.Combine(folder, $"model{i:D3}.pt");
            if (!File.Exists(path))
            {
                File.Copy(LargeCheckpoint.Create(5_400_000L + (i * 4096L)), path);
            }

            return new BuildItem($"models/model{i:D3}.pt", path);
        }).ToArray();
        cacheFile = Path.Combine(folder, "obj", "bench.PickleBuildGuard.cache");
        BuildGate.Run(items, new GateProperties(), cacheFile: cacheFile, cacheKey: key);
    }

    [Benchmark]
    public int NoOp_build_of_200_cached_model_files() =>
        BuildGate.Run(items, new GateProperties(), cacheFile: cacheFile, cacheKey: key).FromCache;
}
