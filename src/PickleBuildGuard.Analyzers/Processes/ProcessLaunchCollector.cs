using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PickleBuildGuard.Analyzers.Flow;

namespace PickleBuildGuard.Analyzers.Processes;

/// <summary>
/// Gathers what a <c>Process.Start</c> runs: its arguments, or the <c>ProcessStartInfo</c> it is given (constructor
/// arguments, object initializer, and <c>FileName</c>/<c>Arguments</c>/<c>ArgumentList.Add</c> on the same local
/// anywhere in the method), also through <c>process.StartInfo</c> for <c>process.Start()</c>.
/// </summary>
internal sealed class ProcessLaunchCollector
{
    private const int MaxDepth = 4;

    // Resolved at the first call named Start, not at compilation start: by then the compiler has built the symbols
    // (asking earlier makes the analyzer build or wait for them, and be charged for it); most projects never get here.
    private readonly Lazy<(INamedTypeSymbol? Process, INamedTypeSymbol? StartInfo)> symbols;

    public ProcessLaunchCollector(Compilation compilation) =>
        symbols = new(() => (
            compilation.GetTypeByMetadataName("System.Diagnostics.Process"),
            compilation.GetTypeByMetadataName("System.Diagnostics.ProcessStartInfo")));

    private INamedTypeSymbol? ProcessType => symbols.Value.Process;

    private INamedTypeSymbol? StartInfoType => symbols.Value.StartInfo;

    /// <summary>The launch a call starts, or null when the call is not a process start.</summary>
    public ProcessLaunch? Collect(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "Start" || ProcessType is null || StartInfoType is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, ProcessType))
        {
            return null;
        }

        var launch = new ProcessLaunch();
        if (!method.IsStatic)
        {
            if (invocation.Instance is { } instance)
            {
                CollectProcess(instance, launch, 0);
            }

            return launch;
        }

        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, StartInfoType))
            {
                CollectStartInfo(argument.Value, launch, 0);
            }
            else if (parameter.Name == "fileName")
            {
                launch.FileNames.Add(argument.Value);
            }
            else if (parameter.Name == "arguments" && parameter.Type.SpecialType == SpecialType.System_String)
            {
                launch.CommandLines.Add(argument.Value);
            }
            else if (parameter.Name == "arguments")
            {
                AddItems(argument.Value, launch);
            }
        }

        return launch;
    }

    private void CollectProcess(IOperation value, ProcessLaunch launch, int depth)
    {
        value = value.WalkDownConversionsAndParentheses();
        if (depth > MaxDepth)
        {
            return;
        }

        if (value is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StartInfo" } } assignment)
                {
                    CollectStartInfo(assignment.Value, launch, depth + 1);
                }
                else if (member is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "StartInfo" }, Initializer: { } nested })
                {
                    CollectInitializer(nested, launch);
                }
            }

            return;
        }

        CollectWritesTo(value, launch, depth, CollectProcess, owner => instance => IsStartInfoOf(instance, owner), isProcess: true);
    }

    private void CollectStartInfo(IOperation value, ProcessLaunch launch, int depth)
    {
        value = value.WalkDownConversionsAndParentheses();
        if (depth > MaxDepth)
        {
            return;
        }

        if (value is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type, StartInfoType))
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "fileName")
                {
                    launch.FileNames.Add(argument.Value);
                }
                else if (argument.Parameter?.Name == "arguments")
                {
                    launch.CommandLines.Add(argument.Value);
                }
            }

            if (creation.Initializer is { } initializer)
            {
                CollectInitializer(initializer, launch);
            }

            return;
        }

        CollectWritesTo(value, launch, depth, CollectStartInfo, owner => instance => Is(instance, owner), isProcess: false);
    }

    /// <summary>
    /// What the method writes to the local, parameter or field <paramref name="value"/> names: its initializer and
    /// assignments (collected again by <paramref name="collect"/>), <c>StartInfo</c> assignments when it is a process,
    /// and <c>FileName</c>/<c>Arguments</c>/<c>ArgumentList</c> writes on the start info <paramref name="startInfoOf"/> gives.
    /// </summary>
    private void CollectWritesTo(
        IOperation value,
        ProcessLaunch launch,
        int depth,
        System.Action<IOperation, ProcessLaunch, int> collect,
        System.Func<ISymbol, System.Func<IOperation, bool>> startInfoOf,
        bool isProcess)
    {
        if (OperationTree.ReferencedSymbol(value) is not { } owner)
        {
            return;
        }

        var isStartInfo = startInfoOf(owner);
        foreach (var operation in OperationTree.Root(value).Descendants())
        {
            if (!MayDescribeLaunch(operation))
            {
                continue;
            }

            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, owner):
                    if (declarator.GetVariableInitializer()?.Value is { } initial)
                    {
                        collect(initial, launch, depth + 1);
                    }

                    break;
                case ISimpleAssignmentOperation assignment when Is(assignment.Target, owner):
                    collect(assignment.Value, launch, depth + 1);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StartInfo", Instance: { } instance } } assignment
                    when isProcess && Is(instance, owner):
                    CollectStartInfo(assignment.Value, launch, depth + 1);
                    break;
                default:
                    CollectMemberWrite(operation, launch, isStartInfo);
                    break;
            }
        }
    }

    /// <summary>The only operation kinds that can declare, assign or fill a start info; the walk skips the rest.</summary>
    private static bool MayDescribeLaunch(IOperation operation) =>
        operation.Kind is OperationKind.VariableDeclarator or OperationKind.SimpleAssignment or OperationKind.Invocation;

    private void CollectInitializer(IObjectOrCollectionInitializerOperation initializer, ProcessLaunch launch)
    {
        foreach (var member in initializer.Initializers)
        {
            switch (member)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    AddProperty(property.Property.Name, assignment.Value, launch);
                    break;
                case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "ArgumentList" }, Initializer: { } items }:
                    foreach (var item in items.Initializers)
                    {
                        if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                        {
                            launch.ArgumentItems.Add(add.Arguments[0].Value);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary><c>x.FileName = …</c>, <c>x.Arguments = …</c>, <c>x.ArgumentList.Add(…)</c> where x is the start info.</summary>
    private void CollectMemberWrite(IOperation operation, ProcessLaunch launch, System.Func<IOperation, bool> isStartInfo)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } property } assignment
                when IsStartInfoProperty(property) && isStartInfo(instance):
                AddProperty(property.Property.Name, assignment.Value, launch);
                break;
            case IInvocationOperation { TargetMethod.Name: "Add" or "Insert", Instance: IPropertyReferenceOperation { Property.Name: "ArgumentList", Instance: { } instance } } add
                when isStartInfo(instance) && add.Arguments.Length >= 1:
                launch.ArgumentItems.Add(add.Arguments[add.Arguments.Length - 1].Value);
                break;
        }
    }

    private bool IsStartInfoProperty(IPropertyReferenceOperation property) =>
        SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, StartInfoType);

    private static void AddProperty(string name, IOperation value, ProcessLaunch launch)
    {
        if (name == "FileName")
        {
            launch.FileNames.Add(value);
        }
        else if (name == "Arguments")
        {
            launch.CommandLines.Add(value);
        }
    }

    private static void AddItems(IOperation value, ProcessLaunch launch)
    {
        value = value.WalkDownConversionsAndParentheses();
        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            launch.ArgumentItems.AddRange(initializer.ElementValues);
        }
        else if (value.Syntax is CollectionExpressionSyntax)
        {
            // ICollectionExpressionOperation is newer than the Roslyn this analyzer targets; its children are the elements.
            launch.ArgumentItems.AddRange(value.ChildOperations);
        }
        else
        {
            launch.ArgumentItems.Add(value);
        }
    }

    private static bool Is(IOperation operation, ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(OperationTree.ReferencedSymbol(operation.WalkDownConversionsAndParentheses()), symbol);

    private static bool IsStartInfoOf(IOperation instance, ISymbol processOwner) =>
        instance.WalkDownConversionsAndParentheses() is IPropertyReferenceOperation { Property.Name: "StartInfo", Instance: { } owner }
        && Is(owner, processOwner);
}
