using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Logging.StructuredLogger;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// The build overhead of the package, measured the way a user meets it: a project with 200 model files totalling over
/// 1 GB (sparse PyTorch checkpoints whose tensor bytes are never read) references the packed PickleBuildGuard; it is
/// built once (every file scanned), then rebuilt with nothing changed (every result from the cache) several times.
/// The scan target's duration comes from each build's binlog. Whole-process builds cannot run inside
/// BenchmarkDotNet's harness, so this is a separate mode:
/// <c>dotnet run -c Release --project tests/PickleBuildGuard.Benchmarks -- build-overhead [--files 200] [--runs 5]
/// [--node-reuse] [--property Name=Value]</c>. Without <c>--node-reuse</c> every build starts a fresh MSBuild node (as CI
/// does), so the task is loaded and JIT-compiled each time; with it, the task stays loaded between builds (the default of
/// <c>dotnet build</c> on a developer machine and of Visual Studio).
/// </summary>
internal static class BuildOverhead
{
    public static int Run(string[] args)
    {
        int files = Option(args, "--files", 200);
        int runs = Option(args, "--runs", 5);
        bool nodeReuse = Array.IndexOf(args, "--node-reuse") >= 0;
        int propertyAt = Array.IndexOf(args, "--property");
        string? property = propertyAt >= 0 && propertyAt + 1 < args.Length ? args[propertyAt + 1] : null;
        string root = Path.Combine(Path.GetTempPath(), "pbg-build-overhead");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        string feed = Path.Combine(root, "feed");
        string project = Path.Combine(root, "project");
        Directory.CreateDirectory(Path.Combine(project, "models"));
        string repository = BenchmarkInputs.RepositoryRoot;
        Dotnet(repository, false, "pack", Path.Combine(repository, "nuget", "PickleBuildGuard.csproj"), "-c", "Release", "-o", feed, "-nologo", "-v:q");
        string version = Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, "PickleBuildGuard.*.nupkg").Single()).Substring("PickleBuildGuard.".Length);

        long totalBytes = 0;
        for (int i = 0; i < files; i++)
        {
            // A distinct size per file, so each is its own checkpoint (sparse: no disk is used for the tensor bytes).
            string checkpoint = LargeCheckpoint.Create(5_400_000L + (i * 4096L));
            string target = Path.Combine(project, "models", $"model{i:D3}.pt");
            File.Copy(checkpoint, target);
            totalBytes += new FileInfo(target).Length;
        }

        File.WriteAllText(Path.Combine(project, "Overhead.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="PickleBuildGuard" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Class1.cs"), "public static class Class1 { }\n");
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(root, "packages")}" /></config>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
            </configuration>
            """);
        Dotnet(project, false, "restore", "-nologo", "-v:q");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files} model files, {totalBytes / 1e9:F2} GB"));
        var first = Build(project, Path.Combine(root, "first.binlog"), nodeReuse, property);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first build: scan target {first.Scan:F0} ms (task {first.Task:F0} ms), whole build {first.Whole:F0} ms"));
        var noOp = new List<(double Scan, double Task, double Whole)>();
        for (int run = 0; run < runs; run++)
        {
            noOp.Add(Build(project, Path.Combine(root, $"noop{run}.binlog"), nodeReuse, property));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"no-op rebuild (median of {runs}): scan target {Median(noOp.Select(r => r.Scan)):F1} ms (task {Median(noOp.Select(r => r.Task)):F1} ms), whole build {Median(noOp.Select(r => r.Whole)):F0} ms; runs: {string.Join(", ", noOp.Select(r => r.Scan.ToString("F1", CultureInfo.InvariantCulture)))}"));
        return 0;
    }

    private static (double Scan, double Task, double Whole) Build(string project, string binlog, bool nodeReuse, string? property)
    {
        var arguments = new List<string> { "build", "--no-restore", "-nologo", "-v:q", $"-nr:{(nodeReuse ? "true" : "false")}", $"-bl:{binlog}" };
        if (property is not null)
        {
            arguments.Add("-p:" + property);
        }

        Dotnet(project, nodeReuse, arguments.ToArray());
        var build = BinaryLog.ReadBuild(binlog);
        if (!build.Succeeded)
        {
            throw new InvalidOperationException("the overhead project did not build: " + binlog);
        }

        var target = build.FindFirstDescendant<Target>(t => t.Name == "PickleBuildGuardScan" && !t.Skipped)
            ?? throw new InvalidOperationException("PickleBuildGuardScan did not run");
        var task = target.FindFirstDescendant<Microsoft.Build.Logging.StructuredLogger.Task>(t => t.Name == "ScanModelFiles");
        return (target.Duration.TotalMilliseconds, task?.Duration.TotalMilliseconds ?? double.NaN, build.Duration.TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Dotnet(string directory, bool nodeReuse, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = nodeReuse ? "0" : "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(" ", arguments)} exited {process.ExitCode}");
        }
    }
}
