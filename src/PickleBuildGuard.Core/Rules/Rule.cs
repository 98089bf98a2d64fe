namespace PickleBuildGuard.Rules;

/// <summary>A rule of the catalog: every finding and every diagnostic carries the id of one.</summary>
public sealed class Rule
{
    internal Rule(string id, string title, Verdict severity, string? cwe, string description)
    {
        Id = id;
        Title = title;
        Severity = severity;
        Cwe = cwe;
        Description = description;
    }

    /// <summary><c>PBGnnnn</c>.</summary>
    public string Id { get; }

    /// <summary>Short name, shown in SARIF and in the documentation index.</summary>
    public string Title { get; }

    /// <summary>The severity a finding of this rule has unless the finding says otherwise.</summary>
    public Verdict Severity { get; }

    /// <summary><c>CWE-nnn</c>, when one fits.</summary>
    public string? Cwe { get; }

    /// <summary>One sentence on what the rule detects.</summary>
    public string Description { get; }

    /// <summary>The page that explains the rule: what, why, example, how to fix.</summary>
    public string HelpUri => RuleCatalog.HelpUriBase + Id + ".md";
}
