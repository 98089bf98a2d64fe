using System.Runtime.CompilerServices;

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

    /// <summary>A short description for messages ("'echo pbg'", "posix.system", "result of builtins.getattr(…)").</summary>
    public string Describe()
    {
        switch (Kind)
        {
            case ValueKind.Str:
                return Text is null ? $"<str of {Number} bytes>" : "'" + Shorten(Text, 120) + "'";
            case ValueKind.Int:
                return Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case ValueKind.Bool:
                return Number != 0 ? "True" : "False";
            case ValueKind.None:
                return "None";
            case ValueKind.Global:
                return Global?.FullName ?? "<global>";
            case ValueKind.CallResult:
                return Call is null ? "<call result>" : "result of " + Call.CalleeName + "(…)";
            case ValueKind.Tuple:
                if (Items is { } items)
                {
                    var parts = new string[items.Length];
                    for (int i = 0; i < items.Length; i++)
                    {
                        parts[i] = items[i].Describe();
                    }

                    return "(" + Shorten(string.Join(", ", parts), 200) + (items.Length == 1 ? ",)" : ")");
                }

                return "(…)";
            default:
                return "<" + Kind.ToString().ToLowerInvariant() + ">";
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
}
