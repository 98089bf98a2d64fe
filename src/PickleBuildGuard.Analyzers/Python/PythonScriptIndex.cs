using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Python;

/// <summary>
/// The project's <c>.py</c> AdditionalFiles by file name, each searched for pickle loads once, on first use.
/// (Analyzers may not read files; a script named in C# is judged only when it is an AdditionalFile.)
/// </summary>
internal sealed class PythonScriptIndex
{
    private readonly ImmutableArray<AdditionalText> scripts;
    private readonly ConcurrentDictionary<AdditionalText, ImmutableArray<PythonPickleLoad>> loads = new();

    public PythonScriptIndex(ImmutableArray<AdditionalText> additionalFiles)
    {
        scripts = additionalFiles.RemoveAll(file => !IsPythonSource(file.Path));
    }

    public static bool IsPythonSource(string path) => path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first pickle load in the script a C# string names (by file name), with the script's file name.</summary>
    public bool TryFindLoad(string scriptPath, CancellationToken cancellationToken, out PythonPickleLoad load, out string scriptName)
    {
        load = default;
        scriptName = FileName(scriptPath);
        if (!IsPythonSource(scriptName))
        {
            return false;
        }

        foreach (var script in scripts)
        {
            if (!string.Equals(FileName(script.Path), scriptName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var found = loads.GetOrAdd(script, file => Find(file, cancellationToken));
            if (!found.IsEmpty)
            {
                load = found[0];
                return true;
            }
        }

        return false;
    }

    public static ImmutableArray<PythonPickleLoad> Find(AdditionalText file, CancellationToken cancellationToken) =>
        file.GetText(cancellationToken) is { } text ? PythonPickleLoadFinder.Find(text.ToString()) : ImmutableArray<PythonPickleLoad>.Empty;

    private static string FileName(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path.Trim() : path.Substring(slash + 1).Trim();
    }
}
