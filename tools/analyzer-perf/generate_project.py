#!/usr/bin/env python3
"""Generates a C# project of N files to measure the PickleBuildGuard analyzer's share of compile time.

Each file holds one class with ordinary code (LINQ, strings, collections, async, Process use, branches and loops),
so the analyzers' callbacks fire on many invocations. With --interop the project also declares pythonnet and
Razorvine.Pickle stand-ins (the interop analyzers then do not bail out) and every 50th file loads a pickle, half of
them behind PickleGuard.EnsureSafe (declared as a stand-in too), so the control-flow analysis runs as well.

    python3 tools/analyzer-perf/generate_project.py OUT_DIR --files 2000 --analyzer PATH/PickleBuildGuard.Analyzers.dll [--interop]
"""
import argparse
import pathlib
import textwrap

STUBS = textwrap.dedent("""\
    namespace Python.Runtime
    {
        public class PyObject : System.Dynamic.DynamicObject { }
        public static class Py { public static PyObject Import(string name) => throw new System.NotSupportedException(); }
        public class PythonEngine { public static void Exec(string code) { } }
    }
    namespace Razorvine.Pickle
    {
        public class Unpickler { public object load(System.IO.Stream s) => throw new System.NotSupportedException(); }
    }
    namespace PickleBuildGuard
    {
        public static class PickleGuard
        {
            public static void EnsureSafe(string path) { }
            public static void EnsureSafe(System.IO.Stream stream) { }
            public static bool IsSafe(string path) => true;
        }
    }
    """)

BODY = """\
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Perf.Area{area};

public sealed class Worker{index}
{{
    private readonly Dictionary<string, int> counts = new();
    private readonly List<string> names = new();

    public int Count(IEnumerable<string> words)
    {{
        foreach (var word in words)
        {{
            if (string.IsNullOrWhiteSpace(word))
            {{
                continue;
            }}

            counts[word] = counts.TryGetValue(word, out var n) ? n + 1 : 1;
            names.Add(word.ToUpperInvariant());
        }}

        return counts.Values.Where(v => v > 1).Sum();
    }}

    public string Describe(int value)
    {{
        var builder = new StringBuilder();
        for (int i = 0; i < value % 7; i++)
        {{
            builder.Append(i).Append(',').Append(string.Join("-", names.Take(i)));
        }}

        return value switch
        {{
            < 0 => "negative",
            0 => "zero",
            _ => $"{{value}}: {{builder}}",
        }};
    }}

    public async Task<int> ReadAsync(string path)
    {{
        if (!File.Exists(path))
        {{
            return -1;
        }}

        var text = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        return text.Split('\\n').Select(line => line.Trim()).Count(line => line.Length > 0);
    }}

    public Process? Run(string tool, string arguments)
    {{
        var info = new ProcessStartInfo(tool, arguments) {{ RedirectStandardOutput = true }};
        info.Environment["AREA"] = "{area}";
        return tool.EndsWith("git", StringComparison.Ordinal) ? Process.Start(info) : Process.Start("dotnet", "--info");
    }}
{extra}}}
"""

SINK_UNGUARDED = """
    public object LoadUnguarded(string path)
    {
        dynamic torch = Python.Runtime.Py.Import("torch");
        Python.Runtime.PythonEngine.Exec($"import pickle\\nm = pickle.load(open(r'{path}', 'rb'))");
        return new Razorvine.Pickle.Unpickler().load(File.OpenRead(path)) ?? torch.load(path);
    }
"""

SINK_GUARDED = """
    public object LoadGuarded(string path, bool flag)
    {
        if (flag && !PickleBuildGuard.PickleGuard.IsSafe(path))
        {
            throw new InvalidDataException(path);
        }

        PickleBuildGuard.PickleGuard.EnsureSafe(path);
        dynamic torch = Python.Runtime.Py.Import("torch");
        return new Razorvine.Pickle.Unpickler().load(File.OpenRead(path)) ?? torch.load(path);
    }
"""

PROJECT = """\
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <NoWarn>$(NoWarn);CS1998;CS8602</NoWarn>
  </PropertyGroup>
  <ItemGroup Condition="'$(WithAnalyzer)' != 'false'">
    <Analyzer Include="{analyzer}" />
  </ItemGroup>
</Project>
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--analyzer", required=True, type=pathlib.Path)
    parser.add_argument("--interop", action="store_true")
    args = parser.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    # Stop the repository's Directory.Build.props / central package versions from applying.
    (args.out / "Directory.Build.props").write_text("<Project />\n")
    (args.out / "Directory.Packages.props").write_text("<Project />\n")
    (args.out / "Perf.csproj").write_text(PROJECT.format(analyzer=args.analyzer.resolve()))
    if args.interop:
        (args.out / "Stubs.cs").write_text(STUBS)
    for index in range(args.files):
        extra = ""
        if args.interop and index % 50 == 0:
            extra = SINK_UNGUARDED if index % 100 == 0 else SINK_GUARDED
        area = index // 100
        path = args.out / f"Area{area}" / f"Worker{index}.cs"
        path.parent.mkdir(exist_ok=True)
        path.write_text(BODY.format(area=area, index=index, extra=extra))


if __name__ == "__main__":
    main()
