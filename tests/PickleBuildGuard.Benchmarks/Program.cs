using BenchmarkDotNet.Running;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/PickleBuildGuard.Benchmarks -- --filter '*'</c>; figures go to docs/performance.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
