using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PickleBuildGuard.Analyzers.Tests.Stubs;

namespace PickleBuildGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Metadata references for test compilations: the running framework's assemblies, the real PickleBuildGuard.Core
/// (so tests call PickleGuard exactly as users do), and the interop libraries compiled from stub source into
/// in-memory assemblies: the analyzer sees metadata symbols, as in a consumer project.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(LoadFramework);

    private static readonly Lazy<ImmutableArray<MetadataReference>> Interop = new(() =>
    [
        CompileStub("Python.Runtime", PythonNetStub.Source),
        CompileStub("IronPython", IronPythonStub.Source),
        CompileStub("CSnakes.Runtime", CSnakesStub.Source),
        CompileStub("Razorvine.Pickle", RazorvineStub.Source),
        CompileStub("TorchSharp.PyBridge", TorchSharpPyBridgeStub.Source),
    ]);

    public static ImmutableArray<MetadataReference> FrameworkAssemblies => Framework.Value;

    public static ImmutableArray<MetadataReference> InteropStubs => Interop.Value;

    public static MetadataReference PickleBuildGuardCore { get; } =
        MetadataReference.CreateFromFile(typeof(PickleBuildGuard.PickleGuard).Assembly.Location);

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        string paths = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return paths.Split(Path.PathSeparator)
            .Where(path => IsFrameworkAssembly(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static bool IsFrameworkAssembly(string name) =>
        name.StartsWith("System.", StringComparison.Ordinal)
        || name is "System" or "netstandard" or "mscorlib" or "Microsoft.CSharp" or "Microsoft.Win32.Primitives";

    private static MetadataReference CompileStub(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            FrameworkAssemblies,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException(
                "Stub " + assemblyName + " does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
