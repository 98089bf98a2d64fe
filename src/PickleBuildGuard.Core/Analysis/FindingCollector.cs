using System.Collections.Generic;
using PickleBuildGuard.Rules;

namespace PickleBuildGuard.Analysis;

/// <summary>
/// Collects findings for one file, one per distinct problem: the same rule with the same callable in the same
/// member is folded into one finding that keeps the first offset and counts occurrences.
/// </summary>
internal sealed class FindingCollector
{
    /// <summary>
    /// Distinct findings listed per rule; further ones are counted in one summary finding. A 2 MB pickle can name
    /// 100,000 different unknown globals: the report (and the memory that holds it) must not grow with that.
    /// </summary>
    public const int MaxListedPerRule = 1000;

    private readonly List<Finding> findings = new();
    private readonly Dictionary<string, int> indexByKey = new();
    private readonly Dictionary<string, int> listedByRule = new();
    private readonly List<Notice> notices = new();
    private readonly HashSet<string> noticeKeys = new();

    public IReadOnlyList<Finding> Findings => findings;

    public IReadOnlyList<Notice> Notices => notices;

    /// <summary>Worst severity among the findings so far.</summary>
    public Verdict Worst { get; private set; } = Verdict.Clean;

    /// <summary>True once anything prevented complete analysis.</summary>
    public bool Incomplete { get; private set; }

    /// <summary>True when the input could not be read at all.</summary>
    public bool Unreadable { get; private set; }

    public void Add(Rule rule, string message, string? callable, string? member, long? offset, Verdict? severity = null)
    {
        Verdict effective = severity ?? rule.Severity;
        string key = rule.Id + "\u0001" + (callable ?? string.Empty) + "\u0001" + (member ?? string.Empty) + "\u0001" + (callable is null ? message : string.Empty);
        if (!indexByKey.ContainsKey(key))
        {
            listedByRule.TryGetValue(rule.Id, out int listed);
            if (listed >= MaxListedPerRule)
            {
                // The summary keeps the worst severity folded into it, so the verdict is what it would have been.
                key = rule.Id + "\u0001more";
                message = $"more {rule.Id} findings than the {MaxListedPerRule:N0} listed; the rest are counted here";
                callable = null;
                member = null;
                offset = null;
            }
            else
            {
                listedByRule[rule.Id] = listed + 1;
            }
        }

        if (indexByKey.TryGetValue(key, out int index))
        {
            Finding existing = findings[index];
            findings[index] = effective > existing.Severity
                ? new Finding(rule.Id, effective, message, callable, member, existing.Offset, existing.Occurrences + 1)
                : existing.WithOccurrences(existing.Occurrences + 1);
        }
        else
        {
            indexByKey[key] = findings.Count;
            findings.Add(new Finding(rule.Id, effective, message, callable, member, offset));
        }

        if (effective > Worst)
        {
            Worst = effective;
        }

        if (rule.Id.StartsWith("PBG0", System.StringComparison.Ordinal))
        {
            Incomplete = true;
            if (rule == RuleCatalog.UnreadableFile)
            {
                Unreadable = true;
            }
        }
    }

    public void AddNotice(string code, string message)
    {
        if (noticeKeys.Add(code + "\u0001" + message))
        {
            notices.Add(new Notice(code, message));
        }
    }

    /// <summary>Marks the analysis incomplete without a finding of its own (the caller reports the reason).</summary>
    public void MarkIncomplete() => Incomplete = true;
}
