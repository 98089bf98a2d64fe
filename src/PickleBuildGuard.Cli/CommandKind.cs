namespace PickleBuildGuard.Cli;

/// <summary>What the command line asks for.</summary>
internal enum CommandKind
{
    Invalid,
    Help,
    Version,
    ScanHelp,
    Scan,
}
