using System.Runtime.CompilerServices;
using System.Text;

namespace PickleBuildGuard.Machine;

/// <summary>
/// A symbolic value: its kind plus what the analysis needs to follow it: the text of short strings, the items of
/// small tuples, the <see cref="GlobalRef"/> of a global, the <see cref="CallRecord"/> of a call result.
/// A struct, so pushing an int or a list costs no allocation.
/// </summary>
internal readonly struct Value
{
    public readonly ValueKind Kind;

    /// <summary>string or DataRange (Str/Bytes), Value[] (Tuple items), ContainerSize (List/Dict/Set), GlobalRef (Global), CallRecord (CallResult).</summary>
    public readonly object? Ref;

    /// <summary>Integer value (Int/Bool), the data length of Str/Bytes, or the implied object count of a Tuple.</summary>
    public readonly long Number;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value(ValueKind kind, object? reference = null, long number = 0)
    {
        Kind = kind;
        Ref = reference;
        Number = number;
    }

    public static Value Unknown => default;

    public string? Text => Ref as string;

    public GlobalRef? Global => Ref as GlobalRef;

    public CallRecord? Call => Ref as CallRecord;

    public Value[]? Items => Ref as Value[];

    /// <summary>Tuples nested deeper than this are described as "(…)".</summary>
    private const int MaxDescribedDepth = 8;

    /// <summary>Characters of a tuple's items kept in a description (the rest becomes "…").</summary>
    private const int MaxDescribedItemChars = 200;

    /// <summary>A short description for messages ("'echo pbg'", "posix.system", "result of builtins.getattr(…)").</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        AppendDescription(text, depth: 0);
        return text.ToString();
    }

    // Bounded in depth and in length: a tuple nested 200,000 deep must not overflow the stack, and tuples that share
    // their items through the memo (16 references at every level) must not cost an exponential walk.
    private void AppendDescription(StringBuilder text, int depth)
    {
        switch (Kind)
        {
            case ValueKind.Str:
                text.Append(Text is null ? $"<str of {Number} bytes>" : "'" + Shorten(Text, 120) + "'");
                return;
            case ValueKind.Int:
                text.Append(Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            case ValueKind.Bool:
                text.Append(Number != 0 ? "True" : "False");
                return;
            case ValueKind.None:
                text.Append("None");
                return;
            case ValueKind.Global:
                text.Append(Global?.FullName ?? "<global>");
                return;
            case ValueKind.CallResult:
                text.Append(Call is null ? "<call result>" : "result of " + Call.CalleeName + "(…)");
                return;
            case ValueKind.Tuple when Items is { } items && depth < MaxDescribedDepth:
                int itemsStart = text.Length + 1;
                text.Append('(');
                for (int i = 0; i < items.Length && text.Length - itemsStart <= MaxDescribedItemChars; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    items[i].AppendDescription(text, depth + 1);
                }

                if (text.Length - itemsStart > MaxDescribedItemChars)
                {
                    text.Length = itemsStart + MaxDescribedItemChars;
                    text.Append('…');
                }

                text.Append(items.Length == 1 ? ",)" : ")");
                return;
            case ValueKind.Tuple:
                text.Append("(…)");
                return;
            default:
                text.Append('<').Append(Kind.ToString().ToLowerInvariant()).Append('>');
                return;
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
}
