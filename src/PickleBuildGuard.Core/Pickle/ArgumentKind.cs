namespace PickleBuildGuard.Pickle;

/// <summary>How an opcode's argument is encoded in the stream (the argument readers of CPython's pickletools).</summary>
internal enum ArgumentKind : byte
{
    /// <summary>No argument.</summary>
    None,
    /// <summary>One unsigned byte (uint1).</summary>
    UInt1,
    /// <summary>Two-byte little-endian unsigned (uint2).</summary>
    UInt2,
    /// <summary>Four-byte little-endian signed (int4).</summary>
    Int4,
    /// <summary>Four-byte little-endian unsigned (uint4).</summary>
    UInt4,
    /// <summary>Eight-byte little-endian unsigned (uint8).</summary>
    UInt8,
    /// <summary>Decimal integer terminated by a newline; "00"/"01" mean False/True (decimalnl_short).</summary>
    DecimalLine,
    /// <summary>Decimal integer with an optional trailing 'L', newline-terminated (decimalnl_long).</summary>
    LongLine,
    /// <summary>repr() of a float, newline-terminated (floatnl).</summary>
    FloatLine,
    /// <summary>Eight-byte big-endian IEEE double (float8).</summary>
    Float8,
    /// <summary>One-byte length then a little-endian two's complement integer (long1).</summary>
    Long1,
    /// <summary>Four-byte length then a little-endian two's complement integer (long4).</summary>
    Long4,
    /// <summary>A quoted Python string literal, newline-terminated (stringnl).</summary>
    QuotedStringLine,
    /// <summary>Raw-unicode-escape text, newline-terminated (unicodestringnl).</summary>
    UnicodeLine,
    /// <summary>Text to the newline, no escapes (stringnl_noescape): PERSID.</summary>
    NameLine,
    /// <summary>Two newline-terminated names, module then qualified name (stringnl_noescape_pair): GLOBAL, INST.</summary>
    NamePair,
    /// <summary>One-byte length then bytes decoded as a str (string1): SHORT_BINSTRING.</summary>
    String1,
    /// <summary>Four-byte signed length then bytes decoded as a str (string4): BINSTRING.</summary>
    String4,
    /// <summary>One-byte length then bytes (bytes1).</summary>
    Bytes1,
    /// <summary>Four-byte length then bytes (bytes4).</summary>
    Bytes4,
    /// <summary>Eight-byte length then bytes (bytes8).</summary>
    Bytes8,
    /// <summary>Eight-byte length then bytes for a bytearray (bytearray8).</summary>
    ByteArray8,
    /// <summary>One-byte length then UTF-8 (unicodestring1).</summary>
    Unicode1,
    /// <summary>Four-byte length then UTF-8 (unicodestring4).</summary>
    Unicode4,
    /// <summary>Eight-byte length then UTF-8 (unicodestring8).</summary>
    Unicode8,
}
