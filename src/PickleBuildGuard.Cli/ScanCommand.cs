using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using PickleBuildGuard;
using PickleBuildGuard.Policy;
using PickleBuildGuard.Reporting;

namespace PickleBuildGuard.Cli;

/// <summary><c>pickleguard scan</c>: collect the files, scan them under one policy, write the report, map the verdict to the exit code.</summary>
internal static class ScanCommand
{
    public static int Run(ScanOptions options, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        ScanPolicy policy;
        try
        {
            var basePolicy = options.PolicyPath is null ? ScanPolicy.Default : ScanPolicy.Load(options.PolicyPath);
            policy = basePolicy.With(options.AllowGlobals, options.BlockGlobals, options.Strict ? true : null);
        }
        catch (PolicyException e)
        {
            // Never scan under a policy that cannot be read: a typo must not silently loosen or drop it.
            stderr.WriteLine("pickleguard: " + e.Message);
            return ExitCodes.Usage;
        }

        var collector = new FileCollector();
        foreach (string path in options.Paths)
        {
            collector.Add(path, options.Recursive);
        }

        foreach (string missing in collector.MissingPaths)
        {
            stderr.WriteLine($"pickleguard: {ConsoleText.Sanitize(missing)}: no such file or directory");
        }

        foreach (string empty in collector.EmptyDirectories)
        {
            stderr.WriteLine($"pickleguard: {ConsoleText.Sanitize(empty)}: no model files found{(options.Recursive ? string.Empty : " (use -r to include subdirectories)")}");
        }

        var report = Scan(collector, policy);

        if (!WriteReport(report, options, stdout, stderr, environment))
        {
            return ExitCodes.CannotWriteOutput;
        }

        if (environment.GitHubActions)
        {
            GitHubAnnotations.Write(report, stderr, environment.GitHubWorkspace ?? environment.WorkingDirectory);
        }

        // A finding's code wins so it is never hidden; a missing path still keeps an otherwise clean run from passing.
        int verdictCode = ExitCodes.FromVerdict(report.Verdict);
        if (verdictCode != ExitCodes.Clean)
        {
            return verdictCode;
        }

        return collector.MissingPaths.Count > 0 ? ExitCodes.NoInput : ExitCodes.Clean;
    }

    internal static ScanReport Scan(FileCollector collector, ScanPolicy policy)
    {
        var scanner = new PickleScanner(policy);
        var results = new FileScanResult[collector.Targets.Count];

        if (results.Length == 1)
        {
            // The common single-file run starts no worker threads: Parallel.For's set-up (thread pool, its event
            // source) is a measurable share of a short process.
            results[0] = scanner.ScanFile(collector.Targets[0].Path, collector.Targets[0].DisplayPath);
            return new ScanReport(results);
        }

        // The scanner is thread-safe and files are independent; results keep the collection order.
        Parallel.For(
            0,
            results.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = scanner.ScanFile(collector.Targets[i].Path, collector.Targets[i].DisplayPath));
        return new ScanReport(results);
    }

    private static bool WriteReport(ScanReport report, ScanOptions options, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        if (options.OutputPath is null || options.OutputPath == "-")
        {
            Render(report, options.Format, stdout, environment.UseColor, environment.WorkingDirectory);
            return true;
        }

        try
        {
            string fullPath = Path.GetFullPath(options.OutputPath);
            string? directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using (var writer = new StreamWriter(fullPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                Render(report, options.Format, writer, useColor: false, environment.WorkingDirectory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"pickleguard: cannot write report '{options.OutputPath}': {e.Message}");
            return false;
        }

        stderr.WriteLine($"{TextReport.Summary(report)} Verdict: {report.Verdict.ToName()}. Report: {options.OutputPath}");
        return true;
    }

    private static void Render(ScanReport report, ReportFormat format, TextWriter output, bool useColor, string baseDirectory)
    {
        switch (format)
        {
            case ReportFormat.Json:
                JsonReport.Write(report, output);
                break;
            case ReportFormat.Sarif:
                SarifReport.Write(report, output, baseDirectory);
                break;
            default:
                TextReport.Write(report, output, useColor);
                break;
        }
    }
}
