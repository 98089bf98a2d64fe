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
        FixedArgumentBytes = FixedWidthOf(argument);
        BuildsData = behavior is not (OpcodeBehavior.Global or OpcodeBehavior.StackGlobal or OpcodeBehavior.Inst or OpcodeBehavior.Obj
            or OpcodeBehavior.Reduce or OpcodeBehavior.NewObj or OpcodeBehavior.NewObjEx or OpcodeBehavior.Build or OpcodeBehavior.Ext
            or OpcodeBehavior.PersId or OpcodeBehavior.BinPersId or OpcodeBehavior.NextBuffer or OpcodeBehavior.ReadOnlyBuffer
            or OpcodeBehavior.Proto or OpcodeBehavior.Frame or OpcodeBehavior.Stop);
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

    /// <summary>
    /// Bytes of an argument that is a fixed-width little-endian integer of at most four bytes (1, 2 or 4), 0 for no
    /// argument, -1 for any other argument. The reader decodes these in its fast path, straight from its buffer.
    /// </summary>
    public int FixedArgumentBytes { get; }

    /// <summary>
    /// Whether the opcode only builds or moves plain values (scalars, strings, containers, stack, memo); false for
    /// imports, calls, object state, persistent ids, buffers and stream control (PROTO, FRAME, STOP).
    /// </summary>
    public bool BuildsData { get; }

    private static int FixedWidthOf(ArgumentKind argument) => argument switch
    {
        ArgumentKind.None => 0,
        ArgumentKind.UInt1 => 1,
        ArgumentKind.UInt2 => 2,
        ArgumentKind.Int4 or ArgumentKind.UInt4 => 4,
        _ => -1,
    };

    public override string ToString() => Name;
}
