using System.Reflection;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.AnalyzerCpuTime;

/// <summary>The running runtime's assemblies as metadata references (the generated project needs nothing else).</summary>
internal static class FrameworkReferences
{
    public static MetadataReference[] All() =>
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
