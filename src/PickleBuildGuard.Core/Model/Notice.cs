namespace PickleBuildGuard;

/// <summary>Information about the scan that is not a security finding (what was skipped, what was recognised).</summary>
public sealed class Notice
{
    public Notice(string code, string message)
    {
        Code = code;
        Message = message;
    }

    public string Code { get; }

    public string Message { get; }

    public override string ToString() => $"{Code}: {Message}";
}
