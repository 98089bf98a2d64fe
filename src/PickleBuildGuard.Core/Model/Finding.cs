namespace PickleBuildGuard;

/// <summary>One distinct problem found in a file: repeated occurrences are folded into <see cref="Occurrences"/>.</summary>
public sealed class Finding
{
    public Finding(string ruleId, Verdict severity, string message, string? callable, string? member, long? offset, int occurrences = 1)
    {
        RuleId = ruleId;
        Severity = severity;
        Message = message;
        Callable = callable;
        Member = member;
        Offset = offset;
        Occurrences = occurrences;
    }

    /// <summary>The rule code, <c>PBGnnnn</c>.</summary>
    public string RuleId { get; }

    /// <summary>How bad this finding is on its own; the file verdict is the worst of its findings.</summary>
    public Verdict Severity { get; }

    /// <summary>What was found and why it matters, for people.</summary>
    public string Message { get; }

    /// <summary>The <c>module.name</c> involved, when there is one.</summary>
    public string? Callable { get; }

    /// <summary>The path inside a container (absent for a bare file); nested members are joined with ':'.</summary>
    public string? Member { get; }

    /// <summary>Byte offset of the opcode in its pickle stream, when the finding has one.</summary>
    public long? Offset { get; }

    /// <summary>How many times the same problem occurred; only the first offset is kept.</summary>
    public int Occurrences { get; }

    internal Finding WithOccurrences(int occurrences) => new(RuleId, Severity, Message, Callable, Member, Offset, occurrences);

    internal Finding WithMember(string? member) => new(RuleId, Severity, Message, Callable, member, Offset, Occurrences);

    public override string ToString() => $"{RuleId} {Severity.ToName()} {Callable} @{Offset}: {Message}";
}
