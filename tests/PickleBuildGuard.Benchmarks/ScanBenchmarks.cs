using System.IO;
using BenchmarkDotNet.Attributes;

namespace PickleBuildGuard.Benchmarks;

/// <summary>Engine throughput on opcode-dense input, huge skipped arguments and real ML pickles.</summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private readonly PickleScanner scanner = new();
    private byte[] ints2M = null!;
    private byte[] deepNesting = null!;
    private byte[] memoHeavy = null!;
    private string largeBytes = null!;
    private string hugeBytes = null!;
    private string sklearn = null!;
    private string xgboost = null!;
    private string pandas = null!;

    [GlobalSetup]
    public void Setup()
    {
        ints2M = BenchmarkInputs.SmallIntList(2_000_000);
        deepNesting = BenchmarkInputs.DeepNesting(600_000);
        memoHeavy = BenchmarkInputs.MemoHeavy(500_000);
        largeBytes = BenchmarkInputs.LargeBytesFile(1L << 30);
        hugeBytes = BenchmarkInputs.LargeBytesFile(8L << 30);
        sklearn = BenchmarkInputs.FixturePath("benign/sklearn_random_forest_classifier_p4.pkl");
        xgboost = BenchmarkInputs.FixturePath("benign/xgboost_xgbclassifier_p5.pkl");
        pandas = BenchmarkInputs.FixturePath("benign/pandas_dataframe_all_dtypes_p4.pkl");
    }

    /// <summary>2,004,003 opcodes (BININT1 + MARK/APPENDS per 1000), in memory.</summary>
    [Benchmark]
    public long OpcodeDense_2M_ints() => scanner.ScanBytes(ints2M).OpcodeCount;

    /// <summary>Lists, dicts and 1-tuples nested 600,000 levels deep (1,800,003 opcodes, 600,000 memo entries), in memory.</summary>
    [Benchmark]
    public long Deep_nesting_600k_levels() => scanner.ScanBytes(deepNesting).OpcodeCount;

    /// <summary>500,000 distinct strings memoized, then each fetched back from the memo (1,502,117 opcodes, 112 of them FRAME), in memory.</summary>
    [Benchmark]
    public long Memo_heavy_500k_strings() => scanner.ScanBytes(memoHeavy).OpcodeCount;

    /// <summary>A 1 GiB BINBYTES8 on disk: the argument is skipped, not read.</summary>
    [Benchmark]
    public long Skip_1GiB_bytes_argument() => scanner.ScanFile(largeBytes).OpcodeCount;

    /// <summary>An 8 GiB BINBYTES8 (a sparse file): time and allocation as for 1 GiB.</summary>
    [Benchmark]
    public long Skip_8GiB_bytes_argument() => scanner.ScanFile(hugeBytes).OpcodeCount;

    [Benchmark]
    public Verdict Sklearn_random_forest() => scanner.ScanFile(sklearn).Verdict;

    [Benchmark]
    public Verdict Xgboost_classifier() => scanner.ScanFile(xgboost).Verdict;

    [Benchmark]
    public Verdict Pandas_dataframe() => scanner.ScanFile(pandas).Verdict;
}
