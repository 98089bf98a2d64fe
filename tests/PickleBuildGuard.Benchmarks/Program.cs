using BenchmarkDotNet.Running;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/PickleBuildGuard.Benchmarks -- --filter '*'</c>; figures go to docs/performance.md.
/// <c>-- build-overhead</c> measures the package's cost in whole <c>dotnet build</c> runs instead (see <see cref="BuildOverhead"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "build-overhead")
        {
            return BuildOverhead.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
