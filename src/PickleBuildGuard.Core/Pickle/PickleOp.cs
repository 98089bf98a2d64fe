namespace PickleBuildGuard.Pickle;

/// <summary>One decoded opcode. Reused by the reader for every opcode: copy out what must outlive the next read.</summary>
internal struct PickleOp
{
    public OpcodeInfo Info;

    /// <summary>Offset of the opcode byte from the start of the scanned range (the file, or the container member).</summary>
    public long Offset;

    /// <summary>Integer arguments, booleans (0/1), memo indexes, EXT codes, FRAME and data lengths.</summary>
    public long Int;

    /// <summary>True when an integer argument does not fit in <see cref="Int"/>.</summary>
    public bool IsBigInteger;

    public double Float;

    /// <summary>Decoded text of string arguments short enough to materialise; the module for GLOBAL/INST.</summary>
    public string? Text;

    /// <summary>The name for GLOBAL/INST.</summary>
    public string? Name;

    /// <summary>Length in bytes of a string/bytes argument's data.</summary>
    public long DataLength;

    /// <summary>Offset in the source (not the stream) of a counted string/bytes argument's data; -1 for line arguments.</summary>
    public long DataOffset;

    /// <summary>Where the first <see cref="WindowLength"/> data bytes can be inspected; valid until the next read.</summary>
    public byte[]? Window;

    public int WindowIndex;

    public int WindowLength;
}
