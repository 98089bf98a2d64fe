using PickleBuildGuard.Knowledge;

namespace PickleBuildGuard.Analysis;

/// <summary>Everything the analysis concluded about one global name, before knowing whether it is invoked.</summary>
internal sealed class GlobalAssessment
{
    public GlobalAssessment(KnowledgeDisposition disposition, string category, string entry, bool byPolicy)
    {
        Disposition = disposition;
        Category = category;
        Entry = entry;
        ByPolicy = byPolicy;
    }

    public KnowledgeDisposition Disposition { get; }

    public string Category { get; }

    public string Entry { get; }

    /// <summary>True when the policy's allow/block list decided, not the built-in lists.</summary>
    public bool ByPolicy { get; }

    /// <summary>Set when the dotted name walks attributes: the dunder or the module it walks through.</summary>
    public string? Walk { get; set; }

    /// <summary>The global the walk reaches, when a denied one is reached (<c>pathlib.os.system</c> → <c>os.system</c>).</summary>
    public string? WalkTarget { get; set; }

    /// <summary>Set when the name ends on a method or function that writes, deletes, executes, loads or connects.</summary>
    public string? DangerousMember { get; set; }

    /// <summary>Set when the module or name has characters no Python identifier has.</summary>
    public string? IdentifierProblem { get; set; }

    /// <summary>The Python 3 name CPython maps a Python 2 name to, when it differs.</summary>
    public string? CompatName { get; set; }
}
