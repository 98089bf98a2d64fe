using System;
using System.IO;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Input;
using PickleBuildGuard.Knowledge;
using PickleBuildGuard.Policy;
using PickleBuildGuard.Rules;

namespace PickleBuildGuard.Scanning;

/// <summary>
/// Scans one input end to end — open, recognise, analyse, conclude — and turns every failure into a result with
/// a PBG0 finding. Nothing thrown by the engine escapes.
/// </summary>
internal static class FileScan
{
    /// <summary>A non-seekable stream is buffered in memory up to this size.</summary>
    internal const int MaxSpooledStreamBytes = 512 << 20;

    public static FileScanResult Run(string path, string displayPath, ScanPolicy policy)
    {
        ByteSource source;
        try
        {
            if (Directory.Exists(path))
            {
                return Unreadable(displayPath, "is a directory, not a file");
            }

            if (ReportsZeroBytes(path))
            {
                return Unreadable(displayPath, "is empty: 0 bytes (a FIFO, socket or device reports 0 bytes too, and is not opened)", RuleCatalog.NotRecognised, ScanStatus.Inconclusive);
            }

            source = new FileByteSource(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Unreadable(displayPath, e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : e.Message);
        }

        using (source)
        {
            return Run(source, displayPath, policy);
        }
    }

    // Opening a FIFO for reading blocks until something writes to it, and a FIFO, socket or device reports 0 bytes:
    // a path of 0 bytes is never opened. A symbolic link is judged by what it finally points at (a loop throws).
    private static bool ReportsZeroBytes(string path)
    {
        var info = new FileInfo(path);
#if NET
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = target;
        }
#endif
        return info.Exists && info.Length == 0;
    }

    public static FileScanResult Run(Stream stream, string label, ScanPolicy policy)
    {
        try
        {
            if (stream.CanSeek)
            {
                return Run(new StreamByteSource(stream), label, policy);
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxSpooledStreamBytes)
                {
                    return Unreadable(label, $"is a non-seekable stream larger than {MaxSpooledStreamBytes} bytes", RuleCatalog.LimitExceeded, ScanStatus.Inconclusive);
                }

                buffer.Write(chunk, 0, n);
            }

            return Run(new ArrayByteSource(buffer.ToArray()), label, policy);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException or UnauthorizedAccessException)
        {
            return Unreadable(label, e.Message);
        }
    }

    public static FileScanResult Run(byte[] data, string label, ScanPolicy policy) => Run(new ArrayByteSource(data), label, policy);

    private static FileScanResult Run(ByteSource source, string displayPath, ScanPolicy policy)
    {
        var findings = new FindingCollector();
        var budget = new ScanBudget(policy.Limits, source.Length);
        string format = FormatSniffer.Unknown;
        string? sha256 = null;
        ScanContext? context = null;
        try
        {
            format = FormatSniffer.Detect(source);
            context = new ScanContext(source, new GlobalClassifier(CallableKnowledge.BuiltIn, policy), findings, budget, member: null, depth: 0);
            Analyse(context, format, ref format);
            sha256 = ContentHash.Sha256(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(RuleCatalog.UnreadableFile, $"reading failed: {e.Message}", null, null, null);
        }
        catch (Exception e)
        {
            // The engine must never take its host down: anything unexpected means "not verified".
            findings.Add(RuleCatalog.InternalError, $"{e.GetType().Name}: {e.Message}", null, null, null);
        }

        return Conclude(displayPath, format, sha256, findings, context, budget, source.Length);
    }

    private static void Analyse(ScanContext context, string detected, ref string format)
    {
        switch (detected)
        {
            case FormatSniffer.Unknown:
                if (context.Source.Length == 0)
                {
                    context.Findings.Add(RuleCatalog.NotRecognised, "the file is empty", null, null, null);
                    return;
                }

                // No magic: it may still be a damaged protocol 0/1 pickle.
                if (TrialScanFindsPayload(context))
                {
                    format = FormatSniffer.Pickle;
                    PickleStreamScanner.Scan(context, 0, context.Source.Length);
                    return;
                }

                context.Findings.Add(RuleCatalog.NotRecognised, "the content is neither a pickle nor a model container the scanner knows", null, null, null);
                return;
            case FormatSniffer.GitLfsPointer:
                context.Findings.Add(RuleCatalog.NotRecognised, "the file is a Git LFS pointer, not the model: fetch the content (git lfs pull) and scan again", null, null, null);
                return;
            case "zip" when !FormatSniffer.StartsWithZipRecord(context.Source):
                // A zip found from its end record has bytes in front: pickle.load reads those, zip readers the archive.
                // A protocol 0/1 pickle (no PROTO to recognise it by) with a zip's tail after it is both.
                format = Containers.ContainerScanner.Scan(context, detected);
                if (TrialScanFindsPayload(context))
                {
                    PickleStreamScanner.Scan(context, 0, context.Source.Length);
                }

                return;
            default:
                format = Containers.ContainerScanner.Scan(context, detected);
                return;
        }
    }

    // A trial read as a pickle from the first byte, with findings of its own: random text parses into odd "globals",
    // so only a denied callable makes the content a pickle worth reporting.
    private static bool TrialScanFindsPayload(ScanContext context)
    {
        var trial = new ScanContext(context.Source, context.Classifier, new FindingCollector(), context.Budget, null, 0);
        PickleStreamScanner.Scan(trial, 0, context.Source.Length);
        foreach (var finding in trial.Findings.Findings)
        {
            if (finding.Callable is not null && finding.Severity >= Verdict.Dangerous && finding.RuleId is "PBG1001" or "PBG1002" or "PBG1010")
            {
                return true;
            }
        }

        return false;
    }

    private static FileScanResult Conclude(string path, string format, string? sha256, FindingCollector findings, ScanContext? context, ScanBudget budget, long length)
    {
        if (context is not null && findings.Worst >= Verdict.Dangerous)
        {
            int added = 0;
            foreach (string evidence in context.Evidence)
            {
                if (added++ == 10)
                {
                    break;
                }

                findings.Add(RuleCatalog.SuspiciousString, $"argument {evidence}", null, null, null);
            }
        }

        ScanStatus status = findings.Unreadable ? ScanStatus.Error : findings.Incomplete ? ScanStatus.Inconclusive : ScanStatus.Complete;
        Verdict verdict = findings.Worst;
        if (status != ScanStatus.Complete && verdict < Verdict.Unknown)
        {
            verdict = Verdict.Unknown;
        }

        return new FileScanResult(
            path,
            format,
            status,
            verdict,
            ScoreCalculator.Score(verdict, findings.Findings),
            sha256,
            context?.Globals ?? Array.Empty<string>(),
            findings.Findings,
            findings.Notices,
            length,
            budget.Opcodes,
            budget.DecompressedBytes);
    }

    private static FileScanResult Unreadable(string path, string reason, Rule? rule = null, ScanStatus status = ScanStatus.Error)
    {
        var findings = new FindingCollector();
        findings.Add(rule ?? RuleCatalog.UnreadableFile, $"'{path}' {reason}", null, null, null);
        return new FileScanResult(path, FormatSniffer.Unknown, status, Verdict.Unknown, ScoreCalculator.Score(Verdict.Unknown, findings.Findings), null, Array.Empty<string>(), findings.Findings, findings.Notices, 0, 0);
    }
}
