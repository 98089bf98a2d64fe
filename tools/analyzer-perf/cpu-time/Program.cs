using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PickleBuildGuard.AnalyzerCpuTime;

// dotnet run -c Release --project tools/analyzer-perf/cpu-time -- PROJECT_DIR ANALYZER_DLL [ROUNDS]
// Round 1 is what a compile pays (cold: the analyzer's JIT and first calls); later rounds show the warm cost.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: AnalyzerCpuTime PROJECT_DIR ANALYZER_DLL [ROUNDS]");
    return 2;
}

string projectDirectory = args[0];
int rounds = args.Length > 2 ? int.Parse(args[2]) : 1;
var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
var trees = Directory.GetFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
    .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
    .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
    .ToArray();
var references = FrameworkReferences.All();
var analyzers = Assembly.LoadFrom(Path.GetFullPath(args[1])).GetTypes()
    .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
    .Select(type => new CpuTimedAnalyzer((DiagnosticAnalyzer)Activator.CreateInstance(type)!))
    .Append(new CpuTimedAnalyzer(new ControlAnalyzer()))
    .ToImmutableArray();

Console.WriteLine($"{trees.Length} files; thread CPU time in each analyzer's callbacks; round CPU = the process's CPU for binding and analysis");
for (int round = 1; round <= rounds; round++)
{
    var compilation = CSharpCompilation.Create(
        "Perf", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    var options = new CompilationWithAnalyzersOptions(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
    var processCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var diagnostics = await compilation.WithAnalyzers(analyzers.CastArray<DiagnosticAnalyzer>(), options).GetAllDiagnosticsAsync();
    double roundCpu = (Process.GetCurrentProcess().TotalProcessorTime - processCpu).TotalMilliseconds;
    // Each callback also pays the driver's dispatch and the clock reads: the control analyzer's cost per callback.
    var control = analyzers.Single(timed => timed.Inner is ControlAnalyzer);
    double perCallback = control.Calls == 0 ? 0 : control.Milliseconds / control.Calls;
    var ours = analyzers.Where(timed => timed.Inner is not ControlAnalyzer).ToList();
    double gross = ours.Sum(timed => timed.Milliseconds);
    double net = ours.Sum(timed => timed.Milliseconds - (timed.Calls * perCallback));
    Console.WriteLine(
        $"round {round}: round CPU {roundCpu:F0} ms, {diagnostics.Count(d => d.Id.StartsWith("PBG", StringComparison.Ordinal))} PBG diagnostics");
    foreach (var timed in ours)
    {
        Console.WriteLine($"  {timed.Inner.GetType().Name,-28} {timed.Milliseconds,7:F0} ms in {timed.Calls,7} callbacks, {timed.Milliseconds - (timed.Calls * perCallback),7:F0} ms net");
    }

    Console.WriteLine($"  control: {control.Milliseconds:F0} ms in {control.Calls} callbacks ({perCallback * 1000:F2} us each)");
    Console.WriteLine($"  PickleBuildGuard: {gross:F0} ms = {100 * gross / roundCpu:F2} % of round CPU; {net:F0} ms = {100 * net / roundCpu:F2} % net of the per-callback floor");
    foreach (var timed in analyzers)
    {
        timed.Reset();
    }
}

return 0;
