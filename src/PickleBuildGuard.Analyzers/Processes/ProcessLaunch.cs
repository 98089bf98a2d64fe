using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PickleBuildGuard.Analyzers.Processes;

/// <summary>The C# expressions that make up one process start: file name, command-line strings, ArgumentList items.</summary>
internal sealed class ProcessLaunch
{
    public List<IOperation> FileNames { get; } = new();

    public List<IOperation> CommandLines { get; } = new();

    public List<IOperation> ArgumentItems { get; } = new();
}
