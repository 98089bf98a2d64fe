using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PickleBuildGuard.Analyzers.Flow;
using PickleBuildGuard.Analyzers.Interop;

namespace PickleBuildGuard.Analyzers;

/// <summary>
/// PBG2005: pickle parsed in-process by Razorvine.Pickle's <c>Unpickler.load</c>/<c>loads</c> (subclasses
/// included) or by TorchSharp.PyBridge (<c>load_py</c>, <c>load_checkpoint</c>, <c>PyTorchUnpickler.UnpickleStateDict</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DotNetUnpicklerAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.DotNetUnpickler);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!DeclaredNamespaces.MayContainAny(context.Compilation, "Razorvine.Pickle", "TorchSharp.PyBridge"))
        {
            return;
        }

        // Symbols in the first callback, when the compiler has built them (see DeclaredNamespaces).
        var compilation = context.Compilation;
        var resolved = new System.Lazy<(UnpicklerSinks Sinks, GuardSymbols Guards)?>(() =>
            new UnpicklerSinks(compilation) is { IsEmpty: false } sinks ? (sinks, GuardSymbols.Create(compilation)) : null);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (resolved.Value is { } symbols)
                {
                    AnalyzeInvocation(operationContext, symbols.Sinks, symbols.Guards);
                }
            },
            OperationKind.Invocation);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (resolved.Value is { } symbols)
                {
                    AnalyzeMethodReference(operationContext, symbols.Sinks, symbols.Guards);
                }
            },
            OperationKind.MethodReference);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, UnpicklerSinks sinks, GuardSymbols guards)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!sinks.TryGetSink(invocation.TargetMethod, out bool readsOneFile))
        {
            return;
        }

        var payload = readsOneFile ? Payload.FromArguments(ContentArguments(invocation), guards) : Payload.None;
        SinkReport.ReportUnlessRouted(context, Rules.DotNetUnpickler, invocation, payload, guards, Display(invocation.TargetMethod));
    }

    // unpickler.load passed as a delegate: the content is only known where the delegate is called.
    private static void AnalyzeMethodReference(OperationAnalysisContext context, UnpicklerSinks sinks, GuardSymbols guards)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (sinks.TryGetSink(reference.Method, out _))
        {
            SinkReport.ReportUnlessRouted(context, Rules.DotNetUnpickler, reference, Payload.None, guards, Display(reference.Method));
        }
    }

    /// <summary>The argument holding the pickle: the first one after the extension receiver.</summary>
    private static IEnumerable<IOperation> ContentArguments(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        int contentOrdinal = method.IsExtensionMethod ? 1 : 0;
        return invocation.Arguments
            .Where(argument => argument.Parameter?.Ordinal == contentOrdinal)
            .Select(argument => argument.Value);
    }

    private static string Display(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

    private sealed class UnpicklerSinks
    {
        private readonly INamedTypeSymbol? unpickler;
        private readonly INamedTypeSymbol? moduleExtensions;
        private readonly INamedTypeSymbol? optimizerExtensions;
        private readonly INamedTypeSymbol? torchUnpickler;

        public UnpicklerSinks(Compilation compilation)
        {
            if (DeclaredNamespaces.MayContain(compilation, "Razorvine.Pickle"))
            {
                unpickler = compilation.GetTypeByMetadataName("Razorvine.Pickle.Unpickler");
            }

            if (DeclaredNamespaces.MayContain(compilation, "TorchSharp.PyBridge"))
            {
                moduleExtensions = compilation.GetTypeByMetadataName("TorchSharp.PyBridge.PyBridgeModuleExtensions");
                optimizerExtensions = compilation.GetTypeByMetadataName("TorchSharp.PyBridge.PyBridgeOptimizerExtensions");
                torchUnpickler = compilation.GetTypeByMetadataName("TorchSharp.PyBridge.PyTorchUnpickler");
            }
        }

        public bool IsEmpty => unpickler is null && moduleExtensions is null && optimizerExtensions is null && torchUnpickler is null;

        /// <summary>
        /// Whether the method parses pickle, and whether its content argument is the pickle itself (false for
        /// <c>load_checkpoint</c>, which takes a directory: scanning that path would not scan the file it loads).
        /// </summary>
        public bool TryGetSink(IMethodSymbol method, out bool readsOneFile)
        {
            method = method.ReducedFrom ?? method;
            var type = method.ContainingType;
            readsOneFile = true;
            switch (method.Name)
            {
                case "load" or "loads" when InteropSymbols.DerivesFrom(type, unpickler):
                case "load_py" when InteropSymbols.Is(type, moduleExtensions) || InteropSymbols.Is(type, optimizerExtensions):
                case "UnpickleStateDict" when InteropSymbols.Is(type, torchUnpickler):
                    return true;
                case "load_checkpoint" when InteropSymbols.Is(type, moduleExtensions):
                    readsOneFile = false;
                    return true;
                default:
                    return false;
            }
        }
    }
}
