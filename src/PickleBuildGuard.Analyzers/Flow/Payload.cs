using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PickleBuildGuard.Analyzers.Flow;

/// <summary>
/// What a load reads, as far as C# shows it: the variables a guard may name (<see cref="Keys"/>), and the one
/// expression the code fix can pass to <c>PickleGuard.EnsureSafe</c> (<see cref="FixTarget"/>, null when none is certain).
/// </summary>
internal sealed class Payload
{
    public static readonly Payload None = new(ImmutableArray<GuardKey>.Empty, null);

    private Payload(ImmutableArray<GuardKey> keys, IOperation? fixTarget)
    {
        Keys = keys;
        FixTarget = fixTarget;
    }

    public ImmutableArray<GuardKey> Keys { get; }

    public IOperation? FixTarget { get; }

    /// <summary>The variables in a load's argument (<c>load(s)</c>, <c>load(File.OpenRead(path))</c>).</summary>
    public static Payload FromArguments(IEnumerable<IOperation> arguments, GuardSymbols symbols)
    {
        var references = new List<(GuardKey Key, IOperation Operation)>();
        foreach (var argument in arguments)
        {
            references.AddRange(References(argument));
        }

        IOperation? fixTarget = null;
        foreach (var reference in references)
        {
            if (symbols.IsScannable(reference.Operation.Type))
            {
                fixTarget = reference.Operation;
                break;
            }
        }

        return new Payload(DistinctKeys(references), fixTarget);
    }

    /// <summary>
    /// The variables in the run-time parts of Python text. A guard on any of them counts; the fix needs one
    /// scannable variable that is certainly the file: the only one inside the load's call, else the only one at all.
    /// </summary>
    public static Payload FromHoles(IEnumerable<FoldedHole> holes, IEnumerable<FoldedHole> holesInsideLoad, GuardSymbols symbols)
    {
        var all = new List<(GuardKey Key, IOperation Operation)>();
        foreach (var hole in holes)
        {
            all.AddRange(References(hole.Value));
        }

        if (all.Count == 0)
        {
            return None;
        }

        var inside = new List<(GuardKey Key, IOperation Operation)>();
        foreach (var hole in holesInsideLoad)
        {
            inside.AddRange(References(hole.Value));
        }

        return new Payload(DistinctKeys(all), SingleScannable(inside, symbols) ?? SingleScannable(all, symbols));
    }

    private static ImmutableArray<GuardKey> DistinctKeys(List<(GuardKey Key, IOperation Operation)> references)
    {
        if (references.Count == 0)
        {
            return ImmutableArray<GuardKey>.Empty;
        }

        var keys = ImmutableArray.CreateBuilder<GuardKey>(references.Count);
        foreach (var reference in references)
        {
            if (!keys.Contains(reference.Key))
            {
                keys.Add(reference.Key);
            }
        }

        return keys.ToImmutable();
    }

    private static IOperation? SingleScannable(List<(GuardKey Key, IOperation Operation)> references, GuardSymbols symbols)
    {
        (GuardKey Key, IOperation Operation)? single = null;
        foreach (var reference in references)
        {
            if (!symbols.IsScannable(reference.Operation.Type))
            {
                continue;
            }

            if (single is null)
            {
                single = reference;
            }
            else if (!single.Value.Key.Equals(reference.Key))
            {
                return null; // two different scannable variables: which one is the file is not certain
            }
        }

        return single?.Operation;
    }

    private static IEnumerable<(GuardKey Key, IOperation Operation)> References(IOperation value) => References(value, followOpenedFiles: true);

    private static IEnumerable<(GuardKey Key, IOperation Operation)> References(IOperation value, bool followOpenedFiles)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (GuardKey.From(operation) is { } key && operation.WalkDownConversionsAndParentheses() == operation)
            {
                yield return (key, operation);
                if (followOpenedFiles && operation is ILocalReferenceOperation local && OpenedFrom(local) is { } path)
                {
                    // A guard on the path a stream or byte array was opened from covers it; the fix still names the stream.
                    foreach (var reference in References(path, followOpenedFiles: false))
                    {
                        yield return (reference.Key, reference.Operation);
                    }
                }
            }
        }
    }

    // `var s = File.OpenRead(path)` (also File.Open/OpenText/ReadAllBytes, `new FileStream(path, …)`), when the local is
    // never assigned anywhere else in the body: the path it was opened from.
    private static IOperation? OpenedFrom(ILocalReferenceOperation local)
    {
        var root = OperationTree.Root(local);
        IOperation? path = null;
        int writes = 0;
        foreach (var operation in root.Descendants())
        {
            if (!OperationTree.Writes(operation, local.Local))
            {
                continue;
            }

            writes++;
            if (operation is IVariableDeclaratorOperation declarator && declarator.GetVariableInitializer()?.Value.WalkDownConversionsAndParentheses() is { } initializer)
            {
                path = PathArgument(initializer);
            }
        }

        return writes == 1 ? path : null;
    }

    private static IOperation? PathArgument(IOperation initializer) => initializer switch
    {
        IInvocationOperation { TargetMethod: { ContainingType: { Name: "File", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } method } invocation
            when method.Name is "OpenRead" or "Open" or "OpenText" or "ReadAllBytes" && invocation.Arguments.Length > 0
            => invocation.Arguments[0].Value,
        IObjectCreationOperation { Type: { Name: "FileStream", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } creation
            when creation.Arguments.Length > 0 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
            => creation.Arguments[0].Value,
        _ => null,
    };
}
