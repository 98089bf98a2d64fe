using System.Collections.Concurrent;
using Microsoft.Build.Framework;
using PickleBuildGuard.Gate;

namespace PickleBuildGuard.Tasks;

/// <summary>
/// Scan results shared by every project of one build that runs in this MSBuild node (a registered task object with
/// build lifetime, the SourceLink pattern), so a model file included by several projects is scanned once.
/// </summary>
internal sealed class RegisteredScanResults : ISharedScanResults
{
    private const string Key = "PickleBuildGuard.Tasks.RegisteredScanResults/1";
    private static readonly object RegistrationLock = new();
    private readonly ConcurrentDictionary<string, FileScanResult> results;

    private RegisteredScanResults(ConcurrentDictionary<string, FileScanResult> results) => this.results = results;

    public static RegisteredScanResults? For(IBuildEngine engine)
    {
        if (engine is not IBuildEngine4 engine4)
        {
            return null;
        }

        lock (RegistrationLock)
        {
            if (engine4.GetRegisteredTaskObject(Key, RegisteredTaskObjectLifetime.Build) is not ConcurrentDictionary<string, FileScanResult> results)
            {
                results = new ConcurrentDictionary<string, FileScanResult>(System.StringComparer.Ordinal);
                engine4.RegisterTaskObject(Key, results, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            }

            return new RegisteredScanResults(results);
        }
    }

    public bool TryGet(string key, out FileScanResult result) => results.TryGetValue(key, out result!);

    public void Add(string key, FileScanResult result) => results[key] = result;
}
