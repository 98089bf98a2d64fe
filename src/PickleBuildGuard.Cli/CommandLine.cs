using System;
using System.Collections.Generic;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Cli;

/// <summary>
/// Parses the command line by hand: the tool must stay dependency-free and Native AOT friendly, and the grammar is
/// small. Accepts <c>--name value</c>, <c>--name=value</c> and <c>--</c> to end options.
/// </summary>
internal static class CommandLine
{
    public static ParsedCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return ParsedCommand.Invalid("missing command");
        }

        switch (args[0])
        {
            case "-h":
            case "-?":
            case "--help":
            case "help":
                return args.Count > 1 && args[1] == "scan" ? ParsedCommand.Of(CommandKind.ScanHelp) : ParsedCommand.Of(CommandKind.Help);
            case "--version":
            case "version":
                return ParsedCommand.Of(CommandKind.Version);
            case "scan":
                return ParseScan(args);
            default:
                return ParsedCommand.Invalid(args[0].StartsWith("-", StringComparison.Ordinal)
                    ? $"unknown option '{args[0]}'"
                    : $"unknown command '{args[0]}'");
        }
    }

    private static ParsedCommand ParseScan(IReadOnlyList<string> args)
    {
        var options = new ScanOptions();
        bool optionsEnded = false;
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith("-", StringComparison.Ordinal))
            {
                options.Paths.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            string name = arg;
            string? inlineValue = null;
            int equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg.Substring(0, equals);
                inlineValue = arg.Substring(equals + 1);
            }

            string? error = null;
            switch (name)
            {
                case "-h":
                case "-?":
                case "--help":
                    return ParsedCommand.Of(CommandKind.ScanHelp);
                case "-r":
                case "--recursive":
                    error = NoValue(name, inlineValue);
                    options.Recursive = true;
                    break;
                case "--strict":
                    error = NoValue(name, inlineValue);
                    options.Strict = true;
                    break;
                case "-f":
                case "--format":
                    if (TakeValue(args, ref i, name, inlineValue, out string? format, out error))
                    {
                        error = SetFormat(options, format!);
                    }

                    break;
                case "-o":
                case "--output":
                    if (TakeValue(args, ref i, name, inlineValue, out string? output, out error))
                    {
                        options.OutputPath = output;
                    }

                    break;
                case "--policy":
                    if (TakeValue(args, ref i, name, inlineValue, out string? policy, out error))
                    {
                        options.PolicyPath = policy;
                    }

                    break;
                case "--allow":
                    if (TakeValue(args, ref i, name, inlineValue, out string? allow, out error))
                    {
                        options.AllowGlobals.AddRange(ScanPolicy.SplitList(allow));
                    }

                    break;
                case "--block":
                    if (TakeValue(args, ref i, name, inlineValue, out string? block, out error))
                    {
                        options.BlockGlobals.AddRange(ScanPolicy.SplitList(block));
                    }

                    break;
                default:
                    error = $"unknown option '{arg}'";
                    break;
            }

            if (error is not null)
            {
                return ParsedCommand.Invalid(error);
            }
        }

        return options.Paths.Count == 0 ? ParsedCommand.Invalid("no path to scan") : ParsedCommand.ForScan(options);
    }

    private static string? NoValue(string name, string? inlineValue) =>
        inlineValue is null ? null : $"option '{name}' does not take a value";

    private static bool TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, out string? value, out string? error)
    {
        error = null;
        if (inlineValue is not null)
        {
            value = inlineValue;
        }
        else if (i + 1 < args.Count && (args[i + 1] == "-" || !args[i + 1].StartsWith("-", StringComparison.Ordinal)))
        {
            // A following option is not taken as a value: "-o --recursive" is a mistake, not a file name.
            value = args[++i];
        }
        else
        {
            value = null;
        }

        if (string.IsNullOrEmpty(value))
        {
            error = $"option '{name}' needs a value";
            return false;
        }

        return true;
    }

    private static string? SetFormat(ScanOptions options, string format)
    {
        switch (format.ToLowerInvariant())
        {
            case "text":
                options.Format = ReportFormat.Text;
                return null;
            case "json":
                options.Format = ReportFormat.Json;
                return null;
            case "sarif":
                options.Format = ReportFormat.Sarif;
                return null;
            default:
                return $"unknown format '{format}' (expected text, json or sarif)";
        }
    }
}
