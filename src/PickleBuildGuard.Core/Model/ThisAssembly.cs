using System.Reflection;

namespace PickleBuildGuard;

/// <summary>The engine's version, part of every report and of every cache key built on a report.</summary>
internal static class ThisAssembly
{
    internal static readonly string Version =
        typeof(ThisAssembly).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(ThisAssembly).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
