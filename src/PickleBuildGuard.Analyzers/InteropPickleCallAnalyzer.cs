using System.Collections.Generic;
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
/// PBG2001, PBG2003, PBG2004: a pickle-loading Python function (<c>pickle.loads</c>, <c>torch.load</c> …) called on a
/// module imported through pythonnet, IronPython or CSnakes: a dynamic call (<c>torch.load(path)</c>),
/// <c>InvokeMethod("load", …)</c>, <c>GetAttr("load").Invoke(…)</c>, <c>ObjectOperations.InvokeMember(m, "load", …)</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InteropPickleCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.PythonNetPickleLoad, Rules.IronPythonPickleLoad, Rules.CSnakesPickleLoad);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Security rule: generated code (CSnakes wrappers) is analysed and reported too.
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
        var analysis = new System.Lazy<CallAnalysis?>(() =>
            InteropSymbols.Create(compilation) is { IsEmpty: false } interop ? new CallAnalysis(interop, GuardSymbols.Create(compilation)) : null);
        context.RegisterOperationAction(operationContext => analysis.Value?.AnalyzeDynamicInvocation(operationContext), OperationKind.DynamicInvocation);
        context.RegisterOperationAction(operationContext => analysis.Value?.AnalyzeInvocation(operationContext), OperationKind.Invocation);
    }

    private sealed class CallAnalysis
    {
        private readonly InteropSymbols interop;
        private readonly GuardSymbols guards;
        private readonly PythonValueTracer tracer;

        public CallAnalysis(InteropSymbols interop, GuardSymbols guards)
        {
            this.interop = interop;
            this.guards = guards;
            tracer = new PythonValueTracer(interop);
        }

        public void AnalyzeDynamicInvocation(OperationAnalysisContext context)
        {
            var invocation = (IDynamicInvocationOperation)context.Operation;
            if (tracer.Resolve(invocation.Operation) is not { } callee)
            {
                return;
            }

            var arguments = invocation.Arguments;
            Report(context, callee, arguments, name => KeywordArgument(invocation, name));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            PythonValue? callee = null;
            IEnumerable<IOperation> payload = [];

            if (method.Name == "InvokeMethod" && InteropSymbols.DerivesFrom(type, interop.PythonNetPyObject) && invocation.Instance is { } moduleObject)
            {
                callee = NamedMember(moduleObject, PythonValueTracer.FirstStringConstant(invocation));
                payload = ArgumentsAfterName(invocation);
            }
            else if (method.Name is "Invoke" && InteropSymbols.DerivesFrom(type, interop.PythonNetPyObject) && invocation.Instance is { } pythonNetCallable)
            {
                callee = tracer.Resolve(pythonNetCallable);
                payload = invocation.Arguments.Select(argument => argument.Value);
            }
            else if (method.Name.StartsWith("Call", System.StringComparison.Ordinal) && InteropSymbols.DerivesFrom(type, interop.CSnakesPyObject) && invocation.Instance is { } csnakesCallable)
            {
                callee = tracer.Resolve(csnakesCallable);
                payload = invocation.Arguments.Select(argument => argument.Value);
            }
            else if (InteropSymbols.Is(type, interop.DlrObjectOperations) && method.Name is "InvokeMember" or "Invoke" && invocation.Arguments.Length >= 1)
            {
                var target = invocation.Arguments[0].Value;
                callee = method.Name == "InvokeMember"
                    ? NamedMember(target, PythonValueTracer.FirstStringConstant(invocation))
                    : tracer.Resolve(target);
                payload = method.Name == "InvokeMember" ? ArgumentsAfterName(invocation) : invocation.Arguments.Skip(1).Select(argument => argument.Value);
            }

            if (callee is { } known)
            {
                Report(context, known, payload, _ => null);
            }
        }

        private void Report(OperationAnalysisContext context, PythonValue callee, IEnumerable<IOperation> arguments, System.Func<string, bool?> keywordBoolean)
        {
            if (!PickleCallables.TryGet(callee.QualifiedName, out var condition)
                || !PickleCallables.Unpickles(condition, keywordBoolean))
            {
                return;
            }

            var rule = callee.Runtime switch
            {
                PythonRuntime.IronPython => Rules.IronPythonPickleLoad,
                PythonRuntime.CSnakes => Rules.CSnakesPickleLoad,
                _ => Rules.PythonNetPickleLoad,
            };

            object?[] messageArguments = callee.Runtime == PythonRuntime.CSnakes
                ? [callee.QualifiedName, " (a module imported with Import.ImportModule), and its input was not passed to PickleGuard.EnsureSafe first"]
                : [callee.QualifiedName];
            SinkReport.ReportUnlessRouted(context, rule, context.Operation, Payload.FromArguments(arguments, guards), guards, messageArguments);
        }

        private PythonValue? NamedMember(IOperation target, string? name) =>
            name is not null && tracer.Resolve(target) is { } module ? module.Member(name) : null;

        /// <summary>The arguments after the member-name string (params arrays included as their elements).</summary>
        private static IEnumerable<IOperation> ArgumentsAfterName(IInvocationOperation invocation)
        {
            bool afterName = false;
            foreach (var argument in invocation.Arguments)
            {
                if (afterName)
                {
                    yield return argument.Value;
                }
                else if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    afterName = true;
                }
            }
        }

        /// <summary>A C# named argument of a dynamic call, which pythonnet passes as a Python keyword argument.</summary>
        private static bool? KeywordArgument(IDynamicInvocationOperation invocation, string name)
        {
            for (int i = 0; i < invocation.Arguments.Length; i++)
            {
                if (invocation.GetArgumentName(i) == name)
                {
                    return invocation.Arguments[i].ConstantValue is { HasValue: true, Value: bool value } ? value : null;
                }
            }

            return null;
        }
    }
}
