using System;
using System.IO;
using System.Reflection;
using System.Text;
using PickleBuildGuard;

namespace PickleBuildGuard.Cli;

/// <summary>The <c>pickleguard</c> entry point; <see cref="Run(string[], TextWriter, TextWriter)"/> is what tests call in-process.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // A buffered stdout: Console.Out flushes on every write, which is slow for large reports.
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        try
        {
            return Run(args, stdout, Console.Error, CliEnvironment.Detect(stdoutIsTerminal: !Console.IsOutputRedirected));
        }
        finally
        {
            stdout.Flush();
        }
    }

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, CliEnvironment.Detect(stdoutIsTerminal: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected));

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        var command = CommandLine.Parse(args);
        try
        {
            switch (command.Kind)
            {
                case CommandKind.Help:
                    stdout.Write(HelpText.General);
                    return ExitCodes.Clean;
                case CommandKind.ScanHelp:
                    stdout.Write(HelpText.Scan);
                    return ExitCodes.Clean;
                case CommandKind.Version:
                    stdout.WriteLine(Version);
                    return ExitCodes.Clean;
                case CommandKind.Scan:
                    return ScanCommand.Run(command.Scan!, stdout, stderr, environment);
                default:
                    stderr.WriteLine("pickleguard: " + command.Error);
                    stderr.WriteLine(HelpText.Usage);
                    stderr.WriteLine("Try 'pickleguard --help' for more information.");
                    return ExitCodes.Usage;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine promises not to throw; if it does anyway, say so and fail rather than report "clean".
            stderr.WriteLine("pickleguard: internal error: " + e);
            return ExitCodes.InternalError;
        }
        finally
        {
            stdout.Flush();
        }
    }

    private static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? ScanReport.ToolVersion;
}
