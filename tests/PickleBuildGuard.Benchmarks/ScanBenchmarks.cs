using System.IO;
using BenchmarkDotNet.Attributes;

namespace PickleBuildGuard.Benchmarks;

/// <summary>Engine throughput on opcode-dense input, huge skipped arguments and real ML pickles.</summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private readonly PickleScanner scanner = new();
    private byte[] ints2M = null!;
    private string largeBytes = null!;
    private string sklearn = null!;
    private string xgboost = null!;
    private string pandas = null!;

    [GlobalSetup]
    public void Setup()
    {
        ints2M = BenchmarkInputs.SmallIntList(2_000_000);
        largeBytes = BenchmarkInputs.LargeBytesFile(1L << 30);
        sklearn = BenchmarkInputs.FixturePath("benign/sklearn_random_forest_classifier_p4.pkl");
        xgboost = BenchmarkInputs.FixturePath("benign/xgboost_xgbclassifier_p5.pkl");
        pandas = BenchmarkInputs.FixturePath("benign/pandas_dataframe_all_dtypes_p4.pkl");
    }

    /// <summary>2,004,003 opcodes (BININT1 + MARK/APPENDS per 1000), in memory.</summary>
    [Benchmark]
    public long OpcodeDense_2M_ints() => scanner.ScanBytes(ints2M).OpcodeCount;

    /// <summary>A 1 GiB BINBYTES8 on disk: the argument is skipped, not read.</summary>
    [Benchmark]
    public long Skip_1GiB_bytes_argument() => scanner.ScanFile(largeBytes).OpcodeCount;

    [Benchmark]
    public Verdict Sklearn_random_forest() => scanner.ScanFile(sklearn).Verdict;

    [Benchmark]
    public Verdict Xgboost_classifier() => scanner.ScanFile(xgboost).Verdict;

    [Benchmark]
    public Verdict Pandas_dataframe() => scanner.ScanFile(pandas).Verdict;
}
