namespace PickleBuildGuard.Gate;

/// <summary>
/// Results shared between the projects of one build in one process (MSBuild's registered task objects), so a model
/// file several projects include is scanned once. Keys are the cache keys of <see cref="BuildGate"/>.
/// </summary>
public interface ISharedScanResults
{
    bool TryGet(string key, out FileScanResult result);

    void Add(string key, FileScanResult result);
}
