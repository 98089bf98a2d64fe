using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PickleBuildGuard.Analyzers.Interop;
using PickleBuildGuard.Analyzers.Python;

namespace PickleBuildGuard.Analyzers;

/// <summary>
/// PBG2004 in Python files: CSnakes generates C# wrappers for the project's <c>.py</c> files (they reach the compiler
/// as AdditionalFiles), so a pickle load in one runs when C# calls the wrapper. Reported at its line in the .py file;
/// <c># noqa: PBG2004</c> on that line accepts it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CSnakesPythonFileAnalyzer : DiagnosticAnalyzer
{
    private const string NoQualityAssuranceMarker = "noqa";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.CSnakesPickleLoad);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        // No .py AdditionalFile, nothing to read; checked first because it needs no symbol (most projects stop here).
        // Without CSnakes a .py AdditionalFile is not run by the C# code: nothing to say about it here either.
        if (!HasPythonFile(context.Options.AdditionalFiles) || !DeclaredNamespaces.MayContain(context.Compilation, "CSnakes.Runtime"))
        {
            return;
        }

        var compilation = context.Compilation;
        context.RegisterAdditionalFileAction(fileContext =>
        {
            if (InteropSymbols.Create(compilation).HasCSnakes)
            {
                AnalyzePythonFile(fileContext);
            }
        });
    }

    private static bool HasPythonFile(ImmutableArray<AdditionalText> files)
    {
        foreach (var file in files)
        {
            if (PythonScriptIndex.IsPythonSource(file.Path))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzePythonFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (!PythonScriptIndex.IsPythonSource(file.Path) || file.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        string fileName = System.IO.Path.GetFileName(file.Path);
        foreach (var load in PythonPickleLoadFinder.Find(text.ToString()))
        {
            var span = new TextSpan(load.Start, load.Length);
            var line = text.Lines.GetLineFromPosition(load.Start);
            if (IsAccepted(line.ToString()))
            {
                continue;
            }

            var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(Rules.CSnakesPickleLoad, location, load.Callable, " (" + fileName + ")"));
        }
    }

    /// <summary>A flake8-style <c># noqa: PBG2004</c> comment on the line (a bare <c># noqa</c> is for other linters).</summary>
    private static bool IsAccepted(string line)
    {
        int comment = line.IndexOf('#');
        if (comment < 0)
        {
            return false;
        }

        string tail = line.Substring(comment);
        int marker = tail.IndexOf(NoQualityAssuranceMarker, StringComparison.OrdinalIgnoreCase);
        return marker >= 0 && tail.IndexOf(RuleIdentifiers.CSnakesPickleLoad, marker, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
