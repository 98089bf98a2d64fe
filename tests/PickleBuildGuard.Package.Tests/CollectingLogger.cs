using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace PickleBuildGuard.Package.Tests;

/// <summary>
/// Keeps every error and warning of an in-process build with all its fields (the binlog drops HelpLink).
/// Internal: xunit discovery must not see a public type that needs Microsoft.Build.Framework to load.
/// </summary>
internal sealed class CollectingLogger : ILogger
{
    public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

    public ConcurrentQueue<BuildWarningEventArgs> Warnings { get; } = new();

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

    public string? Parameters { get; set; }

    public void Initialize(IEventSource eventSource)
    {
        eventSource.ErrorRaised += (_, e) => Errors.Enqueue(e);
        eventSource.WarningRaised += (_, e) => Warnings.Enqueue(e);
    }

    public void Shutdown()
    {
    }
}
