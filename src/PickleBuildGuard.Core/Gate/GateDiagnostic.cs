namespace PickleBuildGuard.Gate;

/// <summary>
/// One line a build logs. <see cref="Code"/> and <see cref="HelpLink"/> are null for plain messages (skips, accepted
/// pins, the summary). <see cref="File"/> is a full path, or null when the diagnostic is about the project.
/// </summary>
public sealed class GateDiagnostic
{
    public GateDiagnostic(DiagnosticLevel level, string? code, string? file, string message, string? helpLink)
    {
        Level = level;
        Code = code;
        File = file;
        Message = message;
        HelpLink = helpLink;
    }

    public DiagnosticLevel Level { get; }

    public string? Code { get; }

    public string? File { get; }

    public string Message { get; }

    public string? HelpLink { get; }

    public override string ToString() => $"{File}: {Level.ToString().ToLowerInvariant()} {Code}: {Message}";
}
