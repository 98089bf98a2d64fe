using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace PickleBuildGuard.Package.Tests;

/// <summary>
/// Registers the SDK's MSBuild before any method that mentions Microsoft.Build types is compiled; the package
/// references exclude MSBuild's runtime assemblies so that exactly the SDK's copies load.
/// </summary>
internal static class LocatorRegistration
{
#pragma warning disable CA2255 // A test assembly is the right place for a module initializer: it runs before xunit touches MSBuild types.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
