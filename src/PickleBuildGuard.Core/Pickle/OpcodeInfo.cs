namespace PickleBuildGuard.Pickle;

/// <summary>One opcode of the pickle virtual machine: the data of CPython's <c>pickletools.opcodes</c> table.</summary>
internal sealed class OpcodeInfo
{
    public OpcodeInfo(string name, byte code, ArgumentKind argument, string stackBefore, string stackAfter, int protocol, OpcodeBehavior behavior)
    {
        Name = name;
        Code = code;
        Argument = argument;
        StackBefore = stackBefore;
        StackAfter = stackAfter;
        Protocol = protocol;
        Behavior = behavior;
    }

    public string Name { get; }

    public byte Code { get; }

    public ArgumentKind Argument { get; }

    /// <summary>Stack effect, as pickletools writes it ("markobject stackslice" …); documentation for people and tests.</summary>
    public string StackBefore { get; }

    public string StackAfter { get; }

    /// <summary>The protocol that introduced the opcode.</summary>
    public int Protocol { get; }

    public OpcodeBehavior Behavior { get; }

    public override string ToString() => Name;
}
