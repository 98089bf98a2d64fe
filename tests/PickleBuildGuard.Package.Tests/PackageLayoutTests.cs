using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace PickleBuildGuard.Package.Tests;

/// <summary>The one package holds what DESIGN.md lists, and nothing that would reach users as a dependency.</summary>
public sealed class PackageLayoutTests
{
    [Fact]
    public void The_package_holds_build_assets_tasks_runtime_api_readme_and_icon()
    {
        using var package = ZipFile.OpenRead(PackageFeed.PackagePath);
        var files = package.Entries.Select(e => e.FullName).ToHashSet();
        foreach (string expected in new[]
        {
            "build/PickleBuildGuard.props", "build/PickleBuildGuard.targets",
            "buildTransitive/PickleBuildGuard.props", "buildTransitive/PickleBuildGuard.targets",
            "tasks/net8.0/PickleBuildGuard.Tasks.dll", "tasks/net8.0/PickleBuildGuard.Core.dll",
            "tasks/netstandard2.0/PickleBuildGuard.Tasks.dll", "tasks/netstandard2.0/PickleBuildGuard.Core.dll",
            "tasks/net10.0/linux-x64/PickleBuildGuard.Tasks.dll", "tasks/net10.0/linux-x64/PickleBuildGuard.Core.dll",
            "tasks/net10.0/win-x64/PickleBuildGuard.Tasks.dll", "tasks/net10.0/win-x64/PickleBuildGuard.Core.dll",
            "lib/netstandard2.0/PickleBuildGuard.Core.dll", "lib/net8.0/PickleBuildGuard.Core.dll",
            "lib/netstandard2.0/PickleBuildGuard.Core.xml", "README.md", "icon.png",
        })
        {
            Assert.Contains(expected, files);
        }

        // MSBuild supplies Microsoft.Build*.dll; shipping a copy would shadow it.
        Assert.DoesNotContain(files, f => f.StartsWith("tasks/") && f.Contains("Microsoft.Build"));
        Assert.Equal(2, files.Count(f => f.StartsWith("tasks/net8.0/")));
        Assert.Equal(2, files.Count(f => f.StartsWith("tasks/netstandard2.0/")));
        Assert.Equal(4, files.Count(f => f.StartsWith("tasks/net10.0/")));
        // Analyzer assemblies carry no dependency of their own (CS8032/AD0001 otherwise).
        Assert.All(files.Where(f => f.StartsWith("analyzers/")), f => Assert.StartsWith("analyzers/dotnet/cs/PickleBuildGuard.", f));
    }

    // crossgen2 marks an image for another OS by XOR-ing the x64 machine type with an OS constant (0x7B79 for Linux).
    [Theory]
    [InlineData("tasks/net10.0/linux-x64/", (ushort)(0x8664 ^ 0x7B79))]
    [InlineData("tasks/net10.0/win-x64/", (ushort)0x8664)]
    public void The_net10_tasks_are_precompiled_for_their_platform_and_the_others_are_not(string folder, ushort machine)
    {
        using var package = ZipFile.OpenRead(PackageFeed.PackagePath);
        foreach (string assembly in new[] { "PickleBuildGuard.Tasks.dll", "PickleBuildGuard.Core.dll" })
        {
            var headers = Headers(package, folder + assembly);
            Assert.True(headers.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{folder}{assembly} is not ReadyToRun");
            Assert.Equal(machine, (ushort)headers.CoffHeader.Machine);
            // The precompiled task must not lose its IL: another runtime version falls back to the JIT.
            Assert.True(headers.CorHeader.MetadataDirectory.Size > 0);
        }

        Assert.Equal(0, Headers(package, "tasks/net8.0/PickleBuildGuard.Core.dll").CorHeader!.ManagedNativeHeaderDirectory.Size);
    }

    private static PEHeaders Headers(ZipArchive package, string entry)
    {
        var copy = new MemoryStream();
        using (var stream = package.GetEntry(entry)!.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var reader = new PEReader(copy);
        return reader.PEHeaders;
    }

    [Fact]
    public void The_nuspec_declares_no_dependency_and_names_readme_icon_and_license()
    {
        using var package = ZipFile.OpenRead(PackageFeed.PackagePath);
        using var stream = package.GetEntry("PickleBuildGuard.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("PickleBuildGuard", Value("id"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("MIT", Value("license"));
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }
}
