namespace PickleBuildGuard.Machine;

/// <summary>
/// Where a string or bytes value too long to keep as text lives in the source, so the analysis can re-read it
/// when it matters (a nested payload, a latin-1 encoded bytes object), and what a nested scan of it found.
/// </summary>
internal sealed class DataRange
{
    public DataRange(long offset, long length, bool isUtf8Text)
    {
        Offset = offset;
        Length = length;
        IsUtf8Text = isUtf8Text;
    }

    /// <summary>Source offset of the data, or -1 when the data was not counted (protocol-0 line arguments).</summary>
    public long Offset { get; }

    public long Length { get; }

    /// <summary>True for str values stored as UTF-8 (BINUNICODE…); false for bytes and latin-1 strings.</summary>
    public bool IsUtf8Text { get; }

    /// <summary>What the nested-payload scan of this value found, when it held a pickle.</summary>
    public NestedPayload? Nested { get; set; }
}
