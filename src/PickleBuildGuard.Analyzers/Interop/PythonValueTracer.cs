using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PickleBuildGuard.Analyzers.Flow;

namespace PickleBuildGuard.Analyzers.Interop;

/// <summary>
/// Finds which Python object a C# expression holds: a module imported by a constant name, a member of one
/// (<c>torch.hub</c>, <c>GetAttr("load")</c>), through locals of the same method and fields or properties assigned in
/// the same type declaration.
/// </summary>
internal sealed class PythonValueTracer
{
    private const int MaxDepth = 6;

    private readonly InteropSymbols symbols;

    public PythonValueTracer(InteropSymbols symbols)
    {
        this.symbols = symbols;
    }

    public PythonValue? Resolve(IOperation operation) => Resolve(operation, 0);

    private PythonValue? Resolve(IOperation operation, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        operation = operation.WalkDownConversionsAndParentheses();
        switch (operation)
        {
            case IInvocationOperation invocation when symbols.TryGetImport(invocation.TargetMethod, out var runtime):
                return FirstStringConstant(invocation) is { } module ? new PythonValue(module, runtime) : null;

            case IInvocationOperation { TargetMethod.Name: "GetAttr" or "GetVariable", Instance: { } instance } getAttr
                when FirstStringConstant(getAttr) is { } attribute:
                return Resolve(instance, depth + 1)?.Member(attribute);

            case IDynamicMemberReferenceOperation { Instance: { } instance } member:
                return Resolve(instance, depth + 1)?.Member(member.MemberName);

            case ILocalReferenceOperation local:
                return ResolveWrites(local.Local, OperationTree.Root(operation), depth);

            case IFieldReferenceOperation field:
                return ResolveMemberAssignments(field.Field, operation, depth);

            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                return ResolveMemberAssignments(property.Property, operation, depth);

            default:
                return null;
        }
    }

    private PythonValue? ResolveWrites(ISymbol symbol, IOperation root, int depth)
    {
        foreach (var operation in root.Descendants())
        {
            IOperation? value = operation switch
            {
                IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol) =>
                    declarator.GetVariableInitializer()?.Value,
                ISimpleAssignmentOperation assignment when OperationTree.ReferencedSymbol(assignment.Target) is { } target
                    && SymbolEqualityComparer.Default.Equals(target, symbol) => assignment.Value,
                _ => null,
            };

            if (value is not null && Resolve(value, depth + 1) is { } resolved)
            {
                return resolved;
            }
        }

        return null;
    }

    /// <summary>
    /// A field or property: its initializer and the assignments in the type declaration that holds it, when that
    /// declaration is in the tree being analysed (the only semantic model an operation action may use).
    /// </summary>
    private PythonValue? ResolveMemberAssignments(ISymbol member, IOperation use, int depth)
    {
        var model = use.SemanticModel;
        if (model is null)
        {
            return null;
        }

        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                continue;
            }

            var declaration = reference.GetSyntax();
            ExpressionSyntax? initializer = declaration switch
            {
                VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };

            if (initializer is not null && model.GetOperation(initializer) is { } initial && Resolve(initial, depth + 1) is { } fromInitializer)
            {
                return fromInitializer;
            }

            var type = declaration.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (type is null)
            {
                continue;
            }

            foreach (var assignment in type.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (!assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                    || !EndsWithName(assignment.Left, member.Name)
                    || model.GetOperation(assignment) is not ISimpleAssignmentOperation operation
                    || !SymbolEqualityComparer.Default.Equals(OperationTree.ReferencedSymbol(operation.Target.WalkDownConversionsAndParentheses()), member))
                {
                    continue;
                }

                if (Resolve(operation.Value, depth + 1) is { } assigned)
                {
                    return assigned;
                }
            }
        }

        return null;
    }

    private static bool EndsWithName(ExpressionSyntax target, string name) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
        _ => false,
    };

    /// <summary>The first string argument that is a constant (the module or attribute name).</summary>
    public static string? FirstStringConstant(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                return argument.Value.ConstantValue is { HasValue: true, Value: string text } ? text : null;
            }
        }

        return null;
    }
}
