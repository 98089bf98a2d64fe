using System;
using System.Collections.Generic;
using System.Threading;
using PickleBuildGuard.Analyzers.Python;

namespace PickleBuildGuard.Analyzers.Processes;

/// <summary>
/// Judges a child process from its file name and arguments (run-time parts are placeholders): a Python launcher
/// (python, python3.11, pypy3, py, pythonw, ipython, uv, conda, pipenv, poetry; also behind sh/bash/cmd/pwsh -c) given code with
/// <c>-c</c>, <c>-m pickle</c>, or a script among the .py AdditionalFiles that loads pickle.
/// </summary>
internal static class PythonLaunch
{
    // Matched by hand, not by regex: every Process.Start in a project asks, and a regex costs its construction and an
    // interpreter run per call.
    private static readonly HashSet<string> Launchers = new(StringComparer.OrdinalIgnoreCase)
    {
        "pythonw", "py", "ipython", "uv", "uvx", "conda", "mamba", "micromamba", "pipenv", "poetry", "pdm", "hatch",
    };

    private static readonly HashSet<string> Shells = new(StringComparer.OrdinalIgnoreCase)
    {
        "sh", "bash", "zsh", "dash", "cmd", "pwsh", "powershell",
    };

    /// <summary>Whether the program is a Python launcher or a shell that may run one.</summary>
    public static bool IsPythonOrShell(string fileName)
    {
        string program = ProgramName(fileName);
        return IsPythonLauncher(program) || IsShell(program);
    }

    /// <summary>python, python3, python3.11, pypy3 (any case, optional .exe), or another launcher that runs Python code.</summary>
    public static bool IsPythonLauncher(string program)
    {
        string name = WithoutExe(program);
        return Launchers.Contains(name) || IsVersionedPython(name);
    }

    public static bool IsShell(string program) => Shells.Contains(WithoutExe(program));

    // "python" or "pypy" followed by nothing or by digit runs joined by single dots (3, 3.11, 3.11.2).
    private static bool IsVersionedPython(string name)
    {
        int start = name.StartsWith("python", StringComparison.OrdinalIgnoreCase) ? 6
            : name.StartsWith("pypy", StringComparison.OrdinalIgnoreCase) ? 4
            : -1;
        if (start < 0)
        {
            return false;
        }

        bool expectDigit = false;
        for (int i = start; i < name.Length; i++)
        {
            if (char.IsDigit(name[i]))
            {
                expectDigit = false;
            }
            else if (name[i] == '.' && !expectDigit && i > start)
            {
                expectDigit = true;
            }
            else
            {
                return false;
            }
        }

        return !expectDigit;
    }

    private static string WithoutExe(string program) =>
        program.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? program.Substring(0, program.Length - 4) : program;

    /// <summary>What the process loads ("torch.load", "pickle (python -m pickle)", "joblib.load in score.py"), or null.</summary>
    public static string? FindPickleLoad(string fileName, IReadOnlyList<string> arguments, PythonScriptIndex scripts, CancellationToken cancellationToken)
    {
        string program = ProgramName(fileName);
        if (IsShell(program))
        {
            return FromShell(arguments, scripts, cancellationToken);
        }

        return IsPythonLauncher(program) ? FromPythonArguments(arguments, scripts, cancellationToken) : null;
    }

    private static string? FromShell(IReadOnlyList<string> arguments, PythonScriptIndex scripts, CancellationToken cancellationToken)
    {
        for (int i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] is "-c" or "/c" or "/C" or "-Command" or "-command")
            {
                var command = CommandLineSplitter.Split(arguments[i + 1]);
                if (command.Count > 0 && IsPythonLauncher(ProgramName(command[0])))
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
