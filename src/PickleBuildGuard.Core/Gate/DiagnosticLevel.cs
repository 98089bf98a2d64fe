namespace PickleBuildGuard.Gate;

/// <summary>How a build logs one diagnostic: as a message, a warning, or an error that fails the build.</summary>
public enum DiagnosticLevel
{
    Message = 0,
    Warning = 1,
    Error = 2,
}
