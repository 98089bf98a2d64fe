using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PickleBuildGuard.Analyzers.Flow;
using PickleBuildGuard.Analyzers.Processes;
using PickleBuildGuard.Analyzers.Python;

namespace PickleBuildGuard.Analyzers;

/// <summary>
/// PBG2006: <c>Process.Start</c> (or a <c>ProcessStartInfo</c> started) running a Python launcher with code that
/// loads pickle: <c>python -c "import torch; torch.load(...)"</c>, <c>python -m pickle f</c>, or a .py
/// AdditionalFile script that loads pickle.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PythonProcessAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.PythonProcessLoadsPickle);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        // System.Diagnostics.Process is in every .NET project, so there is no reference to bail out on; the callback
        // rejects any call that is not Process.Start by name and symbol before doing anything else, and symbols are
        // resolved only once a call named Start is met.
        var collector = new ProcessLaunchCollector(context.Compilation);
        var scripts = new PythonScriptIndex(context.Options.AdditionalFiles);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, collector, scripts), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, ProcessLaunchCollector collector, PythonScriptIndex scripts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (collector.Collect(invocation) is not { FileNames.Count: > 0 } launch)
        {
            return;
        }

        // The program first: most starts run something else, and their arguments need not be folded.
        var programs = new List<string>();
        foreach (var fileName in launch.FileNames)
        {
            var folded = TextFolder.Fold(fileName);
            if (folded.Holes.IsEmpty && PythonLaunch.IsPythonOrShell(folded.Text))
            {
                programs.Add(folded.Text); // a program known only at run time is not judged
            }
        }

        if (programs.Count == 0)
        {
            return;
        }

        var holes = new List<FoldedHole>();
        var arguments = new List<string>();
        foreach (var commandLine in launch.CommandLines)
        {
            var folded = TextFolder.Fold(commandLine);
            holes.AddRange(folded.Holes);
            arguments.AddRange(CommandLineSplitter.Split(folded.Text));
        }

        foreach (var item in launch.ArgumentItems)
        {
            var folded = TextFolder.Fold(item);
            holes.AddRange(folded.Holes);
            arguments.Add(folded.Text);
        }

        foreach (var program in programs)
        {
            if (PythonLaunch.FindPickleLoad(program, arguments, scripts, context.CancellationToken) is { } load)
            {
                var guards = GuardSymbols.Create(context.Compilation);
                var payload = Payload.FromHoles(holes, Enumerable.Empty<FoldedHole>(), guards);
                SinkReport.ReportUnlessRouted(context, Rules.PythonProcessLoadsPickle, invocation, payload, guards, load);
                return;
            }
        }
    }
}
