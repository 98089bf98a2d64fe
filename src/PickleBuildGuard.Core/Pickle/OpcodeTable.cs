using System.Collections.Generic;
using static PickleBuildGuard.Pickle.ArgumentKind;
using static PickleBuildGuard.Pickle.OpcodeBehavior;

namespace PickleBuildGuard.Pickle;

/// <summary>
/// Every opcode CPython defines (protocols 0–5), one entry each, in the order and with the stack effects of
/// <c>Lib/pickletools.py</c>. The reader and the symbolic machine are driven by this table.
/// </summary>
internal static class OpcodeTable
{
    public static readonly IReadOnlyList<OpcodeInfo> All = new[]
    {
        // Integers.
        Op("INT", 'I', DecimalLine, "", "int_or_bool", 0, PushInt),
        Op("BININT", 'J', Int4, "", "int", 1, PushInt),
        Op("BININT1", 'K', UInt1, "", "int", 1, PushInt),
        Op("BININT2", 'M', UInt2, "", "int", 1, PushInt),
        Op("LONG", 'L', LongLine, "", "int", 0, PushInt),
        Op("LONG1", 0x8a, Long1, "", "int", 2, PushInt),
        Op("LONG4", 0x8b, Long4, "", "int", 2, PushInt),

        // Strings and bytes.
        Op("STRING", 'S', QuotedStringLine, "", "bytes_or_str", 0, PushStr),
        Op("BINSTRING", 'T', String4, "", "bytes_or_str", 1, PushStr),
        Op("SHORT_BINSTRING", 'U', String1, "", "bytes_or_str", 1, PushStr),
        Op("BINBYTES", 'B', Bytes4, "", "bytes", 3, PushBytes),
        Op("SHORT_BINBYTES", 'C', Bytes1, "", "bytes", 3, PushBytes),
        Op("BINBYTES8", 0x8e, Bytes8, "", "bytes", 4, PushBytes),
        Op("BYTEARRAY8", 0x96, ByteArray8, "", "bytearray", 5, PushByteArray),
        Op("NEXT_BUFFER", 0x97, None, "", "any", 5, NextBuffer),
        Op("READONLY_BUFFER", 0x98, None, "any", "any", 5, ReadOnlyBuffer),
        Op("NONE", 'N', None, "", "None", 0, PushNone),
        Op("NEWTRUE", 0x88, None, "", "bool", 2, PushBool),
        Op("NEWFALSE", 0x89, None, "", "bool", 2, PushBool),
        Op("UNICODE", 'V', UnicodeLine, "", "str", 0, PushStr),
        Op("SHORT_BINUNICODE", 0x8c, Unicode1, "", "str", 4, PushStr),
        Op("BINUNICODE", 'X', Unicode4, "", "str", 1, PushStr),
        Op("BINUNICODE8", 0x8d, Unicode8, "", "str", 4, PushStr),

        // Floats.
        Op("FLOAT", 'F', FloatLine, "", "float", 0, PushFloat),
        Op("BINFLOAT", 'G', Float8, "", "float", 1, PushFloat),

        // Lists.
        Op("EMPTY_LIST", ']', None, "", "list", 1, PushEmptyList),
        Op("APPEND", 'a', None, "list any", "list", 0, Append),
        Op("APPENDS", 'e', None, "list markobject stackslice", "list", 1, Appends),
        Op("LIST", 'l', None, "markobject stackslice", "list", 0, ListFromMark),

        // Tuples.
        Op("EMPTY_TUPLE", ')', None, "", "tuple", 1, PushEmptyTuple),
        Op("TUPLE", 't', None, "markobject stackslice", "tuple", 0, TupleFromMark),
        Op("TUPLE1", 0x85, None, "any", "tuple", 2, Tuple1),
        Op("TUPLE2", 0x86, None, "any any", "tuple", 2, Tuple2),
        Op("TUPLE3", 0x87, None, "any any any", "tuple", 2, Tuple3),

        // Dicts.
        Op("EMPTY_DICT", '}', None, "", "dict", 1, PushEmptyDict),
        Op("DICT", 'd', None, "markobject stackslice", "dict", 0, DictFromMark),
        Op("SETITEM", 's', None, "dict any any", "dict", 0, SetItem),
        Op("SETITEMS", 'u', None, "dict markobject stackslice", "dict", 1, SetItems),

        // Sets.
        Op("EMPTY_SET", 0x8f, None, "", "set", 4, PushEmptySet),
        Op("ADDITEMS", 0x90, None, "set markobject stackslice", "set", 4, AddItems),
        Op("FROZENSET", 0x91, None, "markobject stackslice", "frozenset", 4, FrozenSetFromMark),

        // Stack manipulation.
        Op("POP", '0', None, "any", "", 0, Pop),
        Op("DUP", '2', None, "any", "any any", 0, Dup),
        Op("MARK", '(', None, "", "markobject", 0, Mark),
        Op("POP_MARK", '1', None, "markobject stackslice", "", 1, PopMark),

        // Memo.
        Op("GET", 'g', DecimalLine, "", "any", 0, Get),
        Op("BINGET", 'h', UInt1, "", "any", 1, Get),
        Op("LONG_BINGET", 'j', UInt4, "", "any", 1, Get),
        Op("PUT", 'p', DecimalLine, "", "", 0, Put),
        Op("BINPUT", 'q', UInt1, "", "", 1, Put),
        Op("LONG_BINPUT", 'r', UInt4, "", "", 1, Put),
        Op("MEMOIZE", 0x94, None, "any", "any", 4, Memoize),

        // Extension registry.
        Op("EXT1", 0x82, UInt1, "", "any", 2, Ext),
        Op("EXT2", 0x83, UInt2, "", "any", 2, Ext),
        Op("EXT4", 0x84, Int4, "", "any", 2, Ext),

        // Object building.
        Op("GLOBAL", 'c', NamePair, "", "any", 0, Global),
        Op("STACK_GLOBAL", 0x93, None, "str str", "any", 4, StackGlobal),
        Op("REDUCE", 'R', None, "any any", "any", 0, Reduce),
        Op("BUILD", 'b', None, "any any", "any", 0, Build),
        Op("INST", 'i', NamePair, "markobject stackslice", "any", 0, Inst),
        Op("OBJ", 'o', None, "markobject any stackslice", "any", 1, Obj),
        Op("NEWOBJ", 0x81, None, "any any", "any", 2, NewObj),
        Op("NEWOBJ_EX", 0x92, None, "any any any", "any", 4, NewObjEx),

        // Machine control.
        Op("PROTO", 0x80, UInt1, "", "", 2, Proto),
        Op("STOP", '.', None, "any", "", 0, Stop),
        Op("FRAME", 0x95, UInt8, "", "", 4, Frame),

        // Persistent ids.
        Op("PERSID", 'P', NameLine, "", "any", 0, PersId),
        Op("BINPERSID", 'Q', None, "any", "any", 1, BinPersId),
    };

    private static readonly OpcodeInfo?[] ByCode = BuildIndex();

    /// <summary>The opcode with this byte, or null when no protocol defines it.</summary>
    public static OpcodeInfo? Find(byte code) => ByCode[code];

    private static OpcodeInfo?[] BuildIndex()
    {
        var index = new OpcodeInfo?[256];
        foreach (var op in All)
        {
            index[op.Code] = op;
        }

        return index;
    }

    private static OpcodeInfo Op(string name, char code, ArgumentKind argument, string before, string after, int protocol, OpcodeBehavior behavior) =>
        new(name, (byte)code, argument, before, after, protocol, behavior);

    private static OpcodeInfo Op(string name, int code, ArgumentKind argument, string before, string after, int protocol, OpcodeBehavior behavior) =>
        new(name, (byte)code, argument, before, after, protocol, behavior);
}
