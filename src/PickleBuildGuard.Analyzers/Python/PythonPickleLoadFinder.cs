using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PickleBuildGuard.Analyzers.Python;

/// <summary>
/// Finds the pickle loads in Python source: names resolved through the file's imports (<c>import pickle as pk</c>,
/// <c>from joblib import load</c>) and conventional aliases (<c>np</c>, <c>pd</c>), then matched against
/// <see cref="PickleCallables"/> with their keyword-argument conditions. Comments and string literals never match.
/// </summary>
internal static class PythonPickleLoadFinder
{
    // Match timeouts keep a pathological constant from stalling the compiler; a timed-out search reports nothing.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly Regex ImportStatement = new(
        @"(?m)(?:^|;)[ \t]*import[ \t]+(?<names>[^;\r\n]+)",
        RegexOptions.CultureInvariant,
        MatchTimeout);

    private static readonly Regex FromImportStatement = new(
        @"(?m)(?:^|;)[ \t]*from[ \t]+(?<module>[\w.]+)[ \t]+import[ \t]+(?<names>\([^)]*\)|[^;\r\n]+)",
        RegexOptions.CultureInvariant,
        MatchTimeout);

    private static readonly Regex ImportedName = new(
        @"(?<name>[A-Za-z_][\w.]*)(?:\s+as\s+(?<alias>[A-Za-z_]\w*))?",
        RegexOptions.CultureInvariant,
        MatchTimeout);

    private static readonly Regex DottedName = new(
        @"(?<![\w.])[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*",
        RegexOptions.CultureInvariant,
        MatchTimeout);

    /// <summary>Cheap pre-filter: source without any of these words cannot load pickle.</summary>
    private static readonly string[] Keywords =
        ["pickle", "Pickle", "load", "shelve", "marshal"];

    public static ImmutableArray<PythonPickleLoad> Find(string source)
    {
        if (!MayContainLoad(source))
        {
            return ImmutableArray<PythonPickleLoad>.Empty;
        }

        try
        {
            return FindInCode(PythonSourceBlanker.Blank(source));
        }
        catch (RegexMatchTimeoutException)
        {
            return ImmutableArray<PythonPickleLoad>.Empty;
        }
    }

    public static bool MayContainLoad(string source)
    {
        foreach (var keyword in Keywords)
        {
            if (source.IndexOf(keyword, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<PythonPickleLoad> FindInCode(string code)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var importSpans = new List<(int Start, int End)>();
        CollectImports(code, aliases, importSpans);

        var loads = ImmutableArray.CreateBuilder<PythonPickleLoad>();
        foreach (Match name in DottedName.Matches(code))
        {
            if (IsInside(importSpans, name.Index))
            {
                continue;
            }

            string written = RemoveBlanks(name.Value);
            string qualified = Qualify(written, aliases);
            if (!PickleCallables.TryGet(qualified, out var condition))
            {
                continue;
            }

            int end = name.Index + name.Length;
            (int argumentsStart, int argumentsEnd) = FindCallArguments(code, end);
            string? argumentsText = argumentsStart < 0 ? null : code.Substring(argumentsStart, argumentsEnd - argumentsStart);
            if (PickleCallables.Unpickles(condition, argumentsText))
            {
                loads.Add(new PythonPickleLoad(qualified, name.Index, name.Length, argumentsStart, argumentsEnd));
            }
        }

        return loads.ToImmutable();
    }

    private static void CollectImports(string code, Dictionary<string, string> aliases, List<(int Start, int End)> importSpans)
    {
        foreach (Match statement in FromImportStatement.Matches(code))
        {
            importSpans.Add((statement.Index, statement.Index + statement.Length));
            string module = statement.Groups["module"].Value;
            foreach (Match imported in ImportedName.Matches(statement.Groups["names"].Value))
            {
                string name = imported.Groups["name"].Value;
                string local = imported.Groups["alias"].Success ? imported.Groups["alias"].Value : name;
                aliases[local] = module + "." + name;
            }
        }

        foreach (Match statement in ImportStatement.Matches(code))
        {
            if (IsInside(importSpans, statement.Groups["names"].Index))
            {
                continue; // the "import" of a from-import
            }

            importSpans.Add((statement.Index, statement.Index + statement.Length));
            foreach (Match imported in ImportedName.Matches(statement.Groups["names"].Value))
            {
                if (imported.Groups["alias"].Success)
                {
                    aliases[imported.Groups["alias"].Value] = imported.Groups["name"].Value;
                }
                else
                {
                    // "import torch.hub" binds "torch" to the real torch, not to a conventional alias.
                    string root = imported.Groups["name"].Value.Split('.')[0];
                    aliases[root] = root;
                }
            }
        }
    }

    private static string Qualify(string written, Dictionary<string, string> aliases)
    {
        int dot = written.IndexOf('.');
        string head = dot < 0 ? written : written.Substring(0, dot);
        string tail = dot < 0 ? string.Empty : written.Substring(dot);
        string module = aliases.TryGetValue(head, out var imported) ? imported : PickleCallables.ResolveConventionalAlias(head);
        return module + tail;
    }

    /// <summary>The argument list after a name: from after <c>(</c> to the matching <c>)</c>, or (-1, -1) when not called.</summary>
    private static (int Start, int End) FindCallArguments(string code, int nameEnd)
    {
        int i = nameEnd;
        while (i < code.Length && code[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= code.Length || code[i] != '(')
        {
            return (-1, -1);
        }

        int start = i + 1;
        int depth = 1;
        for (int j = start; j < code.Length; j++)
        {
            if (code[j] is '(' or '[' or '{')
            {
                depth++;
            }
            else if (code[j] is ')' or ']' or '}' && --depth == 0)
            {
                return (start, j);
            }
        }

        return (start, code.Length);
    }

    private static bool IsInside(List<(int Start, int End)> spans, int offset)
    {
        foreach (var (start, end) in spans)
        {
            if (offset >= start && offset < end)
            {
                return true;
            }
        }

        return false;
    }

    private static string RemoveBlanks(string name) =>
        name.IndexOf(' ') < 0 && name.IndexOf('\t') < 0 ? name : name.Replace(" ", string.Empty).Replace("\t", string.Empty);
}
