namespace PickleBuildGuard.Gate;

/// <summary>
/// An item as the gate first sees it: whether it is looked at, and the cache key of its current version. A class, not
/// a struct: a List of a value type is not in the ReadyToRun image and would be JIT-compiled on every cold build.
/// </summary>
internal sealed class StampedItem
{
    public StampedItem(BuildItem item, bool candidate, bool byExtension, string? key)
    {
        Item = item;
        Candidate = candidate;
        ByExtension = byExtension;
        Key = key;
    }

    public BuildItem Item { get; }

    /// <summary>A model file by extension, or any item when content sniffing is on.</summary>
    public bool Candidate { get; }

    public bool ByExtension { get; }

    /// <summary>Path, size, timestamp and policy fingerprint; null for a non-candidate or a file that cannot be stat'ed.</summary>
    public string? Key { get; }
}
