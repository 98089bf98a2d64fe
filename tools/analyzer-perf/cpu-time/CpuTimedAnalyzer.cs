using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PickleBuildGuard.AnalyzerCpuTime;

/// <summary>Runs an analyzer with every callback it registers timed on the thread CPU clock.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class CpuTimedAnalyzer : DiagnosticAnalyzer
{
    private long nanoseconds;
    private long calls;

    public CpuTimedAnalyzer(DiagnosticAnalyzer inner) => Inner = inner;

    public DiagnosticAnalyzer Inner { get; }

    public double Milliseconds => Interlocked.Read(ref nanoseconds) / 1e6;

    public long Calls => Interlocked.Read(ref calls);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Inner.Initialize(new TimedAnalysisContext(context, this));

    public void Reset()
    {
        Interlocked.Exchange(ref nanoseconds, 0);
        Interlocked.Exchange(ref calls, 0);
    }

    public Action<T> Timed<T>(Action<T> action) => argument =>
    {
        long start = ThreadCpuClock.Nanoseconds();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref nanoseconds, ThreadCpuClock.Nanoseconds() - start);
            Interlocked.Increment(ref calls);
        }
    };
}
