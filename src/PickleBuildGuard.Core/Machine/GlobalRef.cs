namespace PickleBuildGuard.Machine;

/// <summary>A module attribute a pickle resolves; <see cref="Name"/> is empty when the value is the module itself.</summary>
internal sealed class GlobalRef
{
    public GlobalRef(string module, string name, GlobalOrigin origin, long offset)
    {
        Module = module;
        Name = name;
        Origin = origin;
        Offset = offset;
    }

    public string Module { get; }

    public string Name { get; }

    public GlobalOrigin Origin { get; }

    public long Offset { get; }

    public bool IsModule => Name.Length == 0;

    public string FullName => IsModule ? Module : Module + "." + Name;

    /// <summary>Set once the analysis has reported this global as invoked, so repeated calls fold into one finding.</summary>
    public bool InvocationJudged { get; set; }

    public override string ToString() => FullName;
}
