using System;

namespace PickleBuildGuard.Fuzzing.Generation;

/// <summary>
/// One input built in code to attack a budget or a parser directly (a bomb, a flood, a nesting), with what it must
/// scan to. <see cref="Expensive"/> cases cost seconds to build or scan: built once, drawn rarely.
/// </summary>
public sealed class HostileCase
{
    private readonly Lazy<FuzzInput> input;

    public HostileCase(string name, bool expensive, Func<FuzzInput> build)
    {
        Name = name;
        Expensive = expensive;
        input = new Lazy<FuzzInput>(build);
    }

    public string Name { get; }

    public bool Expensive { get; }

    public FuzzInput Build() => input.Value;

    public override string ToString() => Name;
}
