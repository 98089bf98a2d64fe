namespace PickleBuildGuard.Machine;

/// <summary>
/// How many objects a mutable container (list, dict, set) holds once memo references are expanded. The memo
/// shares this instance like CPython shares the list, so a billion-laughs graph shows its true size.
/// </summary>
internal sealed class ContainerSize
{
    public long Count;

    /// <summary>The first items of a dict (key, value), kept so object state can be read (joblib array wrappers).</summary>
    public System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<Value, Value>>? Entries;

    public const int MaxKeptEntries = 32;

    public void Record(in Value key, in Value value)
    {
        Entries ??= new System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<Value, Value>>();
        if (Entries.Count < MaxKeptEntries)
        {
            Entries.Add(new System.Collections.Generic.KeyValuePair<Value, Value>(key, value));
        }
    }

    /// <summary>The value stored under a string key, when it was kept.</summary>
    public bool TryGet(string key, out Value value)
    {
        if (Entries is not null)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Text == key)
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    public void Add(long count) => Count = Saturating(Count + count);

    public static long Saturating(long value) => value < 0 || value > long.MaxValue / 4 ? long.MaxValue / 4 : value;
}
