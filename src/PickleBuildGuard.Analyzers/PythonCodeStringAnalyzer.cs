using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PickleBuildGuard.Analyzers.Flow;
using PickleBuildGuard.Analyzers.Interop;
using PickleBuildGuard.Analyzers.Python;

namespace PickleBuildGuard.Analyzers;

/// <summary>
/// PBG2002: Python source that loads pickle, run by pythonnet, IronPython/DLR or CSnakes. The source is the C#
/// argument folded through constants, concatenations, interpolations and single-assignment locals, or a
/// <c>.py</c> AdditionalFile named by <c>ExecuteFile</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PythonCodeStringAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.PythonCodeLoadsPickle);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!InteropSymbols.MayBePresent(context.Compilation))
        {
            return;
        }

        // Symbols in the first callback, when the compiler has built them (see DeclaredNamespaces).
        var compilation = context.Compilation;
        var resolved = new System.Lazy<(PythonCodeSinks Sinks, GuardSymbols Guards)?>(() =>
            InteropSymbols.Create(compilation) is { IsEmpty: false } interop
                ? (new PythonCodeSinks(interop), GuardSymbols.Create(compilation))
                : null);
        var scripts = new PythonScriptIndex(context.Options.AdditionalFiles);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (resolved.Value is { } symbols)
                {
                    Analyze(operationContext, symbols.Sinks, symbols.Guards, scripts);
                }
            },
            OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, PythonCodeSinks sinks, GuardSymbols guards, PythonScriptIndex scripts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!sinks.TryGetCodeParameter(invocation.TargetMethod, out var parameter, out bool isFilePath))
        {
            return;
        }

        var argument = invocation.Arguments.FirstOrDefault(candidate => SymbolEqualityComparer.Default.Equals(candidate.Parameter?.OriginalDefinition, parameter.OriginalDefinition));
        if (argument is null)
        {
            return;
        }

        var folded = TextFolder.Fold(argument.Value);
        string sinkName = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
        if (isFilePath)
        {
            if (folded.Holes.IsEmpty && scripts.TryFindLoad(folded.Text, context.CancellationToken, out var scriptLoad, out string scriptName))
            {
                SinkReport.ReportUnlessRouted(context, Rules.PythonCodeLoadsPickle, invocation, Payload.None, guards, sinkName, scriptLoad.Callable + " in " + scriptName);
            }

            return;
        }

        if (!folded.HasConstantPart)
        {
            return;
        }

        var loads = PythonPickleLoadFinder.Find(folded.Text);
        if (loads.IsEmpty)
        {
            return;
        }

        var insideLoads = folded.Holes.Where(hole => loads.Any(load => load.Contains(hole.Offset)));
        var payload = Payload.FromHoles(folded.Holes, insideLoads, guards);
        SinkReport.ReportUnlessRouted(context, Rules.PythonCodeLoadsPickle, invocation, payload, guards, sinkName, loads[0].Callable);
    }
}
