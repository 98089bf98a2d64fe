using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using PickleBuildGuard.Analyzers.Python;

namespace PickleBuildGuard.Analyzers.Processes;

/// <summary>
/// Judges a child process from its file name and arguments (run-time parts are placeholders): a Python launcher
/// (python, python3.11, py, pythonw, uv, conda, pipenv, poetry; also behind sh/bash/cmd/pwsh -c) given code with
/// <c>-c</c>, <c>-m pickle</c>, or a script among the .py AdditionalFiles that loads pickle.
/// </summary>
internal static class PythonLaunch
{
    private static readonly Regex PythonLauncher = new(
        @"^(python(\d+(\.\d+)*)?|pythonw|py|uv|uvx|conda|mamba|micromamba|pipenv|poetry|pdm|hatch)(\.exe)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex Shell = new(
        @"^(sh|bash|zsh|dash|cmd|pwsh|powershell)(\.exe)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Whether the program is a Python launcher or a shell that may run one.</summary>
    public static bool IsPythonOrShell(string fileName)
    {
        string program = ProgramName(fileName);
        return PythonLauncher.IsMatch(program) || Shell.IsMatch(program);
    }

    /// <summary>What the process loads ("torch.load", "pickle (python -m pickle)", "joblib.load in score.py"), or null.</summary>
    public static string? FindPickleLoad(string fileName, IReadOnlyList<string> arguments, PythonScriptIndex scripts, CancellationToken cancellationToken)
    {
        string program = ProgramName(fileName);
        if (Shell.IsMatch(program))
        {
            return FromShell(arguments, scripts, cancellationToken);
        }

        return PythonLauncher.IsMatch(program) ? FromPythonArguments(arguments, scripts, cancellationToken) : null;
    }

    private static string? FromShell(IReadOnlyList<string> arguments, PythonScriptIndex scripts, CancellationToken cancellationToken)
    {
        for (int i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] is "-c" or "/c" or "/C" or "-Command" or "-command")
            {
                var command = CommandLineSplitter.Split(arguments[i + 1]);
                if (command.Count > 0 && PythonLauncher.IsMatch(ProgramName(command[0])))
                {
                    command.RemoveAt(0);
                    return FromPythonArguments(command, scripts, cancellationToken);
                }
            }
        }

        return null;
    }

    private static string? FromPythonArguments(IReadOnlyList<string> arguments, PythonScriptIndex scripts, CancellationToken cancellationToken)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (argument == "-c" && i + 1 < arguments.Count)
            {
                var loads = PythonPickleLoadFinder.Find(arguments[i + 1]);
                return loads.IsEmpty ? null : loads[0].Callable;
            }

            if (argument.StartsWith("-c", StringComparison.Ordinal) && argument.Length > 2 && !argument.StartsWith("--", StringComparison.Ordinal))
            {
                var loads = PythonPickleLoadFinder.Find(argument.Substring(2));
                return loads.IsEmpty ? null : loads[0].Callable;
            }

            if (argument == "-m" && i + 1 < arguments.Count)
            {
                // "python -m pickle file" unpickles the file to print it; any other module is not known here.
                return arguments[i + 1] is "pickle" or "_pickle" ? "pickle (python -m pickle)" : null;
            }

            if (scripts.TryFindLoad(argument, cancellationToken, out var load, out string scriptName))
            {
                return load.Callable + " in " + scriptName;
            }
        }

        return null;
    }

    private static string ProgramName(string fileName)
    {
        string trimmed = fileName.Trim().Trim('"');
        int slash = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('\\'));
        return slash < 0 ? trimmed : trimmed.Substring(slash + 1);
    }
}
