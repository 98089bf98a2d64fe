namespace PickleBuildGuard.Cli;

/// <summary>The result of parsing the command line: a command to run, or why the command line is wrong.</summary>
internal sealed class ParsedCommand
{
    private ParsedCommand(CommandKind kind, ScanOptions? scan, string? error)
    {
        Kind = kind;
        Scan = scan;
        Error = error;
    }

    public CommandKind Kind { get; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="CommandKind.Scan"/>.</summary>
    public ScanOptions? Scan { get; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="CommandKind.Invalid"/>.</summary>
    public string? Error { get; }

    public static ParsedCommand Of(CommandKind kind) => new(kind, null, null);

    public static ParsedCommand ForScan(ScanOptions options) => new(CommandKind.Scan, options, null);

    public static ParsedCommand Invalid(string error) => new(CommandKind.Invalid, null, error);
}
