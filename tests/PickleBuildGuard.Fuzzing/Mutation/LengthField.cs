namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>How a length or offset field is written in its format.</summary>
public enum FieldEncoding
{
    LittleEndian,
    BigEndian,

    /// <summary>A tar header number: octal digits, or GNU base-256 with the high bit set.</summary>
    TarOctal,
}

/// <summary>A length, size, count or offset field found in an input, which the inflation mutator rewrites.</summary>
public readonly record struct LengthField(string Kind, int Offset, int Width, FieldEncoding Encoding);
