namespace PickleBuildGuard.Knowledge;

/// <summary>The classification of one global: disposition, the category of harm (for denied ones) and the entry that matched.</summary>
internal readonly struct KnowledgeMatch
{
    public KnowledgeMatch(KnowledgeDisposition disposition, string category, string entry)
    {
        Disposition = disposition;
        Category = category;
        Entry = entry;
    }

    public KnowledgeDisposition Disposition { get; }

    /// <summary>For denied globals: code-execution, process, import, file, network, deserializer, native, attribute, …</summary>
    public string Category { get; }

    /// <summary>The list entry or namespace that decided (for messages).</summary>
    public string Entry { get; }
}
