using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PickleBuildGuard.Gate;
using PickleBuildGuard.Reporting;

namespace PickleBuildGuard.Tasks;

/// <summary>
/// Scans a project's model files before compilation and fails the build on dangerous ones. Thin by design: items and
/// properties go to <see cref="BuildGate"/>, which decides everything; this class only logs what it returns and
/// writes the SARIF report.
/// </summary>
[MSBuildMultiThreadableTask]
public sealed class ScanModelFiles : Task
{
    /// <summary>Candidate items (None, Content… per PickleBuildGuardItemTypes), with their PickleBuildGuard* metadata.</summary>
    public ITaskItem[] Items { get; set; } = Array.Empty<ITaskItem>();

    public string? PolicyFile { get; set; }

    public string? AllowedGlobals { get; set; }

    public string? BlockedGlobals { get; set; }

    public string? FailOn { get; set; }

    public string? WarnOn { get; set; }

    public string? OnIncomplete { get; set; }

    public string? Extensions { get; set; }

    public string? SniffContent { get; set; }

    /// <summary>Where results of earlier builds are kept (obj/); empty disables the cache.</summary>
    public string? CacheFile { get; set; }

    /// <summary>The SARIF report of this scan; empty writes none.</summary>
    public string? ReportFile { get; set; }

    /// <summary>Relative SARIF locations are written against this directory (the project directory).</summary>
    public string? ReportBaseDirectory { get; set; }

    /// <summary>Receives the full paths of the model files found, one per line, for Visual Studio's up-to-date check.</summary>
    public string? ModelListFile { get; set; }

    /// <summary>The files judged to be models (by extension or by content).</summary>
    [Output]
    public ITaskItem[] ModelFiles { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var items = Items.Select(item => new BuildItem(
            item.ItemSpec,
            item.GetMetadata("FullPath"),
            item.GetMetadata("PickleBuildGuardTrustedSha256"),
            item.GetMetadata("PickleBuildGuardSkip")));
        var properties = new GateProperties
        {
            PolicyFile = PolicyFile,
            AllowedGlobals = AllowedGlobals,
            BlockedGlobals = BlockedGlobals,
            FailOn = FailOn,
            WarnOn = WarnOn,
            OnIncomplete = OnIncomplete,
            Extensions = Extensions,
            SniffContent = SniffContent,
        };

        var outcome = BuildGate.Run(
            items,
            properties,
            projectFile: BuildEngine?.ProjectFileOfTaskNode,
            cacheFile: string.IsNullOrWhiteSpace(CacheFile) ? null : CacheFile,
            shared: BuildEngine is null ? null : RegisteredScanResults.For(BuildEngine),
            allowReplay: !ReportNeedsResults());

        foreach (var diagnostic in outcome.Diagnostics)
        {
            LogDiagnostic(diagnostic);
        }

        ModelFiles = outcome.ModelFiles.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
        WriteModelList(outcome.ModelFiles);
        WriteReport(outcome);
        Log.LogMessage(MessageImportance.Normal, outcome.Summary);
        return !Log.HasLoggedErrors;
    }

    // Named arguments throughout: against an old reference assembly a positional call can bind to
    // LogError(string message, params object[] args) and print only the subcategory. No subcategory and a line of 1,
    // so the Visual Studio error list, GitHub's problem matcher and the terminal logger all parse the line.
    private void LogDiagnostic(GateDiagnostic diagnostic)
    {
        const int line = 1;
        switch (diagnostic.Level)
        {
            case DiagnosticLevel.Error:
                Log.LogError(
                    subcategory: null,
                    errorCode: diagnostic.Code,
                    helpKeyword: null,
                    helpLink: diagnostic.HelpLink,
                    file: diagnostic.File,
                    lineNumber: diagnostic.File is null ? 0 : line,
                    columnNumber: 0,
                    endLineNumber: 0,
                    endColumnNumber: 0,
                    message: diagnostic.Message,
                    messageArgs: Array.Empty<object>());
                break;
            case DiagnosticLevel.Warning:
                Log.LogWarning(
                    subcategory: null,
                    warningCode: diagnostic.Code,
                    helpKeyword: null,
                    helpLink: diagnostic.HelpLink,
                    file: diagnostic.File,
                    lineNumber: diagnostic.File is null ? 0 : line,
                    columnNumber: 0,
                    endLineNumber: 0,
                    endColumnNumber: 0,
                    message: diagnostic.Message,
                    messageArgs: Array.Empty<object>());
                break;
            default:
                Log.LogMessage(MessageImportance.Normal, diagnostic.Message);
                break;
        }
    }

    private void WriteModelList(IReadOnlyList<string> modelFiles)
    {
        if (string.IsNullOrWhiteSpace(ModelListFile))
        {
            return;
        }

        string text = string.Join("\n", modelFiles) + "\n";
        try
        {
            if (File.Exists(ModelListFile) && File.ReadAllText(ModelListFile) == text)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ModelListFile))!);
            File.WriteAllText(ModelListFile, text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogMessage(MessageImportance.Normal, $"PickleBuildGuard: could not write {ModelListFile}: {e.Message}");
        }
    }

    // The gate may replay the last outcome without per-file results unless a report has to be written from them.
    private bool ReportNeedsResults() => !string.IsNullOrWhiteSpace(ReportFile) && !ReportIsNewerThanCache();

    // A no-op build replays the same results: the report written after the cache was last saved still describes them.
    private bool ReportIsCurrent(GateOutcome outcome) => !outcome.ResultsChanged && ReportIsNewerThanCache();

    private bool ReportIsNewerThanCache()
    {
        if (string.IsNullOrWhiteSpace(CacheFile) || string.IsNullOrWhiteSpace(ReportFile))
        {
            return false;
        }

        try
        {
            return File.Exists(ReportFile) && File.Exists(CacheFile) && File.GetLastWriteTimeUtc(ReportFile) >= File.GetLastWriteTimeUtc(CacheFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private void WriteReport(GateOutcome outcome)
    {
        if (string.IsNullOrWhiteSpace(ReportFile) || ReportIsCurrent(outcome))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ReportFile))!);
            using var writer = new StreamWriter(ReportFile!, append: false, new UTF8Encoding(false));
            // Item paths are relative to the project; SARIF locations are written relative to it too (SRCROOT).
            SarifReport.Write(new ScanReport(outcome.Results), writer, string.IsNullOrEmpty(ReportBaseDirectory) ? null : ReportBaseDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Log.LogMessage(MessageImportance.High, $"PickleBuildGuard: could not write the report {ReportFile}: {e.Message}");
        }
    }
}
