using System;
using System.Collections.Generic;
using PickleBuildGuard.Analysis;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Scanning;

/// <summary>
/// The state of scanning one file: where the bytes come from, the findings so far, the globals seen, the shared
/// budget, and where in the file we are (container member, nested-payload depth).
/// </summary>
internal sealed class ScanContext
{
    private readonly HashSet<string> globalSet;
    private readonly List<string> globals;

    public ScanContext(ByteSource source, GlobalClassifier classifier, FindingCollector findings, ScanBudget budget, string? member, int depth)
        : this(source, classifier, findings, budget, member, depth, new List<string>(), new HashSet<string>(StringComparer.Ordinal), new List<string>())
    {
    }

    private ScanContext(
        ByteSource source,
        GlobalClassifier classifier,
        FindingCollector findings,
        ScanBudget budget,
        string? member,
        int depth,
        List<string> globals,
        HashSet<string> globalSet,
        List<string> evidence)
    {
        Source = source;
        Classifier = classifier;
        Findings = findings;
        Budget = budget;
        Member = member;
        Depth = depth;
        this.globals = globals;
        this.globalSet = globalSet;
        Evidence = evidence;
    }

    public ByteSource Source { get; }

    public GlobalClassifier Classifier { get; }

    public FindingCollector Findings { get; }

    public ScanBudget Budget { get; }

    /// <summary>Path inside the container (nested payloads add a segment); null for a bare file.</summary>
    public string? Member { get; }

    /// <summary>0 for the file itself, 1 for a pickle inside a value of it, …</summary>
    public int Depth { get; }

    /// <summary>Every distinct global, in order of first appearance.</summary>
    public IReadOnlyList<string> Globals => globals;

    /// <summary>Suspicious strings seen in call arguments, reported only as supporting evidence.</summary>
    public List<string> Evidence { get; }

    /// <summary>When true, persistent ids are part of the format (PyTorch) and not findings.</summary>
    public bool PersistentIdsExpected { get; init; }

    public void RecordGlobal(string fullName)
    {
        if (globalSet.Add(fullName))
        {
            globals.Add(fullName);
        }
    }

    /// <summary>A container member: the same file's findings, globals and budget, another source and path.</summary>
    public ScanContext ForMember(ByteSource source, string? member, bool persistentIdsExpected = false, bool torchScriptTypes = false) =>
        new(source, Classifier, Findings, Budget, member, Depth, globals, globalSet, Evidence)
        {
            PersistentIdsExpected = persistentIdsExpected,
            TorchScriptTypes = torchScriptTypes,
            ContainerDepth = ContainerDepth + 1,
        };

    /// <summary>The same content read as a legacy torch stream, whose storages are persistent ids.</summary>
    public ScanContext ExpectingPersistentIds() =>
        new(Source, Classifier, Findings, Budget, Member, Depth, globals, globalSet, Evidence) { PersistentIdsExpected = true, ContainerDepth = ContainerDepth };

    /// <summary>Set when joblib array data was found interleaved with the pickle (the format is joblib).</summary>
    public bool SawJoblibArrays { get; set; }

    /// <summary>
    /// Set for pickles inside a TorchScript archive: torch.jit.load reads them with its own unpickler, where
    /// <c>__torch__.*</c> names compiled TorchScript classes, not Python code.
    /// </summary>
    public bool TorchScriptTypes { get; init; }

    /// <summary>How many containers enclose this content (0 for the file itself).</summary>
    public int ContainerDepth { get; init; }

    /// <summary>Joins a member name to this context's path: <c>outer.zip:inner.npy</c>.</summary>
    public string MemberPath(string name) => Member is null ? name : Member + ":" + name;

    /// <summary>A context for a payload nested in this one: its own findings, the same budget and globals list.</summary>
    public ScanContext ForNested(ByteSource source, string member, bool persistentIdsExpected = false) =>
        new(source, Classifier, new FindingCollector(), Budget, member, Depth + 1, globals, globalSet, Evidence) { PersistentIdsExpected = persistentIdsExpected };
}
