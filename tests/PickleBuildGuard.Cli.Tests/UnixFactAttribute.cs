using System;
using Xunit;

namespace PickleBuildGuard.Cli.Tests;

/// <summary>A fact about Unix file types (FIFOs, devices, permission bits); skipped on Windows, where they do not exist.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file types only";
        }
    }
}
