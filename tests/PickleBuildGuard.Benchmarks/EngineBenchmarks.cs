using BenchmarkDotNet.Attributes;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Input;
using PickleBuildGuard.Knowledge;
using PickleBuildGuard.Policy;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Benchmarks;

/// <summary>The symbolic machine alone (no hashing, no format detection) on opcode-dense input.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private byte[] ints2M = null!;
    private GlobalClassifier classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        ints2M = BenchmarkInputs.SmallIntList(2_000_000);
        classifier = new GlobalClassifier(CallableKnowledge.BuiltIn, ScanPolicy.Default);
    }

    [Benchmark]
    public long Machine_2M_ints()
    {
        var budget = new ScanBudget(ScanLimits.Default);
        var context = new ScanContext(new ArrayByteSource(ints2M), classifier, new FindingCollector(), budget, null, 0);
        PickleStreamScanner.Scan(context, 0, ints2M.Length);
        return budget.Opcodes;
    }
}
