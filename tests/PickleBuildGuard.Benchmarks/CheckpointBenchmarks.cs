using BenchmarkDotNet.Attributes;

namespace PickleBuildGuard.Benchmarks;

/// <summary>A PyTorch zip checkpoint costs what its data.pkl costs: time and allocations must not grow with the tensor bytes.</summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private readonly PickleScanner scanner = new();
    private string checkpoint = null!;

    [Params(1L << 20, 1L << 30, 8L << 30)]
    public long TensorBytes { get; set; }

    [GlobalSetup]
    public void Setup() => checkpoint = LargeCheckpoint.Create(TensorBytes);

    [Benchmark]
    public Verdict Scan_torch_checkpoint() => scanner.ScanFile(checkpoint).Verdict;
}
