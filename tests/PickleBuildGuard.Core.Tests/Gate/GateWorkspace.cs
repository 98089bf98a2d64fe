using System;
using System.IO;
using System.Security.Cryptography;
using PickleBuildGuard.Gate;

namespace PickleBuildGuard.Tests.Gate;

/// <summary>A temp "project folder" with model files, a cache file path and a fixed cache key.</summary>
internal sealed class GateWorkspace : IDisposable
{
    public GateWorkspace()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pbg-gate-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        RandomNumberGenerator.Fill(Key);
    }

    public string Directory { get; }

    public byte[] Key { get; } = new byte[32];

    public string CacheFile => Path.Combine(Directory, "obj", "project.PickleBuildGuard.cache");

    public const string Poisoned = "tests/PickleBuildGuard.Package.Tests/Models/poisoned.pkl";

    public const string ThirdParty = "tests/PickleBuildGuard.Package.Tests/Models/third_party.pkl";

    public const string Truncated = "tests/PickleBuildGuard.Package.Tests/Models/truncated.pkl";

    public const string Benign = "tests/fixtures/pickles/benign/sklearn_adaboost_classifier_p2.pkl";

    /// <summary>Copies a file (path relative to the repository) into the folder under <paramref name="name"/>.</summary>
    public BuildItem Add(string fixture, string name, string? pin = null, string? skip = null)
    {
        string path = Path.Combine(Directory, name);
        File.Copy(Path.Combine(Fixtures.Root, fixture.Replace('/', Path.DirectorySeparatorChar)), path, overwrite: true);
        return new BuildItem(name, path, pin, skip);
    }

    public BuildItem Write(string name, byte[] content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return new BuildItem(name, path);
    }

    public GateOutcome Run(GateProperties? properties = null, params BuildItem[] items) =>
        BuildGate.Run(items, properties ?? new GateProperties(), projectFile: Path.Combine(Directory, "project.csproj"), cacheFile: CacheFile, cacheKey: Key);

    /// <summary>A run as the MSBuild task makes it when no report needs writing: the last outcome may be replayed.</summary>
    public GateOutcome RunReplayable(GateProperties? properties = null, params BuildItem[] items) =>
        BuildGate.Run(items, properties ?? new GateProperties(), projectFile: Path.Combine(Directory, "project.csproj"), cacheFile: CacheFile, cacheKey: Key, allowReplay: true);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
