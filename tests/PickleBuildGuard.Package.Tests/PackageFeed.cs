using System;
using System.IO;
using System.Linq;

namespace PickleBuildGuard.Package.Tests;

/// <summary>The package this test project's build packed, in a folder feed next to the test assembly.</summary>
internal static class PackageFeed
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "feed");

    public static string PackagePath => System.IO.Directory.GetFiles(Directory, "PickleBuildGuard.*.nupkg").Single();

    public static string Version
    {
        get
        {
            string name = Path.GetFileNameWithoutExtension(PackagePath);
            return name.Substring("PickleBuildGuard.".Length);
        }
    }

    public static string ModelsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Models");

    public static string Model(string name) => Path.Combine(ModelsDirectory, name);
}
