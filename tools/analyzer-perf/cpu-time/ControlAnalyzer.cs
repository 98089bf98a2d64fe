using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.AnalyzerCpuTime;

/// <summary>
/// The floor: an Invocation action that only reads the target method's name, so its time is the driver's and the
/// timing's own cost per callback, which the report subtracts from each analyzer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ControlAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("CONTROL", "Control", "Control", "Control", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (((IInvocationOperation)operationContext.Operation).TargetMethod.Name.Length == 0)
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(Never, location: null));
                }
            },
            OperationKind.Invocation);
    }
}
