using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace PickleBuildGuard.Benchmarks;

/// <summary>
/// Whole <c>pickleguard scan FILE</c> processes, start-up included: the figure a user or a CI step sees.
/// The framework-dependent build (what <c>dotnet tool install</c> gives) is built with this project; the Native AOT
/// row appears when <c>tools/publish-native.sh</c> has written <c>artifacts/native/&lt;rid&gt;/pickleguard</c>.
/// <c>--filter '*CliProcessBenchmarks*'</c>; peak RSS per process comes from tools/cli-perf/measure.sh.
/// </summary>
[BenchmarkCategory("WholeProcess")]
public class CliProcessBenchmarks
{
    public const string FrameworkDependent = "framework-dependent";
    public const string NativeAot = "native-aot";

    private ProcessStartInfo startInfo = null!;

    public enum CliInput
    {
        /// <summary>samples/models/benign/random_forest.pkl: the run is start-up.</summary>
        Pickle_4KB,

        /// <summary>A sparse PyTorch zip checkpoint with a 1 GiB tensor member (only data.pkl is read).</summary>
        Checkpoint_1GiB,

        /// <summary>pickle.dump of 20 M small ints, protocol 4: 20,040,615 opcodes, 40 MB (the bytes CPython writes).</summary>
        Opcodes_20M,
    }

    [ParamsSource(nameof(Builds))]
    public string Build { get; set; } = FrameworkDependent;

    [Params(CliInput.Pickle_4KB, CliInput.Checkpoint_1GiB, CliInput.Opcodes_20M)]
    public CliInput Input { get; set; }

    /// <summary>The builds present on this machine (evaluated by the host, so a missing native build is no error).</summary>
    public static IEnumerable<string> Builds()
    {
        yield return FrameworkDependent;
        if (File.Exists(NativeExecutable))
        {
            yield return NativeAot;
        }
    }

    private static string FrameworkDependentAssembly =>
        Path.Combine(BenchmarkInputs.RepositoryRoot, "src", "PickleBuildGuard.Cli", "bin", "Release", "net10.0", "pickleguard.dll");

    private static string NativeExecutable =>
        Path.Combine(BenchmarkInputs.RepositoryRoot, "artifacts", "native", RuntimeInformation.RuntimeIdentifier, "pickleguard");

    [GlobalSetup]
    public void Setup()
    {
        string file = Input switch
        {
            CliInput.Pickle_4KB => Path.Combine(BenchmarkInputs.RepositoryRoot, "samples", "models", "benign", "random_forest.pkl"),
            CliInput.Checkpoint_1GiB => LargeCheckpoint.Create(1L << 30),
            _ => FramedIntListPickle.Create(20_000_000),
        };

        string executable = Build == NativeAot ? NativeExecutable : FrameworkDependentAssembly;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"No {Build} pickleguard: dotnet build src/PickleBuildGuard.Cli -c Release (tools/publish-native.sh for native-aot)", executable);
        }

        startInfo = Build == NativeAot ? new ProcessStartInfo(executable) : new ProcessStartInfo("dotnet") { ArgumentList = { executable } };
        startInfo.ArgumentList.Add("scan");
        startInfo.ArgumentList.Add(file);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;

        // Every input is clean: a failing run must not pass as a fast one.
        int exitCode = Scan();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Build} pickleguard scan {file} exited {exitCode}, expected 0 (clean)");
        }
    }

    [Benchmark]
    public int Scan()
    {
        using var process = Process.Start(startInfo)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        errors.Wait();
        process.WaitForExit();
        return process.ExitCode;
    }
}
