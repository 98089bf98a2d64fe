namespace PickleBuildGuard.Machine;

/// <summary>
/// How many objects a mutable container (list, dict, set) holds once memo references are expanded. The memo
/// shares this instance like CPython shares the list, so a billion-laughs graph shows its true size.
/// </summary>
internal sealed class ContainerSize
{
    public long Count;

    public void Add(long count) => Count = Saturating(Count + count);

    public static long Saturating(long value) => value < 0 || value > long.MaxValue / 4 ? long.MaxValue / 4 : value;
}
