using PickleBuildGuard;

namespace PickleBuildGuard.Cli;

/// <summary>
/// The process exit codes of the CLI contract. The verdict codes are not in verdict order: unknown ranks between
/// suspicious and dangerous as a verdict but exits with 4, so that 1-3 keep growing with the danger found.
/// </summary>
internal static class ExitCodes
{
    public const int Clean = 0;
    public const int Suspicious = 1;
    public const int Dangerous = 2;
    public const int Critical = 3;
    public const int Unknown = 4;

    /// <summary>sysexits EX_USAGE: bad command line, bad policy file or pattern.</summary>
    public const int Usage = 64;

    /// <summary>sysexits EX_NOINPUT: a path named on the command line does not exist.</summary>
    public const int NoInput = 66;

    /// <summary>sysexits EX_SOFTWARE: the scanner failed unexpectedly.</summary>
    public const int InternalError = 70;

    /// <summary>sysexits EX_CANTCREAT: the report file could not be written.</summary>
    public const int CannotWriteOutput = 73;

    public static int FromVerdict(Verdict verdict) => verdict switch
    {
        Verdict.Clean => Clean,
        Verdict.Suspicious => Suspicious,
        Verdict.Unknown => Unknown,
        Verdict.Dangerous => Dangerous,
        _ => Critical,
    };
}
