namespace PickleBuildGuard.Machine;

/// <summary>One call the loader would make: what is called, with what, and what the result is known to be.</summary>
internal sealed class CallRecord
{
    public CallRecord(Value callee, Value arguments, long offset, string calleeName)
    {
        Callee = callee;
        Arguments = arguments;
        Offset = offset;
        CalleeName = calleeName;
    }

    public Value Callee { get; }

    public Value Arguments { get; }

    public long Offset { get; }

    /// <summary>The callable's name for messages: <c>module.name</c>, or a description of a dynamic callable.</summary>
    public string CalleeName { get; }

    /// <summary>What the call returns when the analysis can tell: a module or attribute (getattr, __import__…).</summary>
    public GlobalRef? ResultGlobal { get; set; }

    /// <summary>A pickle hidden in what the call returns (bytes decoded from latin-1 text by _codecs.encode).</summary>
    public NestedPayload? ResultNested { get; set; }

    /// <summary>The state BUILD gave the object, when there was one.</summary>
    public Value State { get; set; }

    /// <summary>True for getattr(class or object, 'plain_name'): what it returns is as literal as a dotted global.</summary>
    public bool IsPlainAttributeLookup { get; set; }

    /// <summary>The string the call returns when the analysis can compute it (rot13 decode, str.join…).</summary>
    public string? ResultText { get; set; }
}
