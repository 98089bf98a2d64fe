using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace PickleBuildGuard.Json;

/// <summary>
/// A minimal indented JSON writer for reports (JSON and SARIF). Kept in the engine so every face writes the
/// same documents without a serializer dependency (see <see cref="JsonReader"/> for why).
/// </summary>
internal sealed class JsonWriter
{
    private readonly TextWriter output;
    private readonly bool indented;
    private readonly Stack<bool> hasItems = new();
    private bool afterName;

    /// <param name="output">Where the JSON goes.</param>
    /// <param name="indented">False writes no whitespace at all (the build cache, read back by machines only).</param>
    public JsonWriter(TextWriter output, bool indented = true)
    {
        this.output = output;
        this.indented = indented;
    }

    public JsonWriter StartObject() => Open('{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray() => Open('[');

    public JsonWriter EndArray() => Close(']');

    public JsonWriter Name(string name)
    {
        Separator();
        WriteString(name);
        output.Write(indented ? ": " : ":");
        afterName = true;
        return this;
    }

    public JsonWriter Value(string? value)
    {
        Separator();
        if (value is null)
        {
            output.Write("null");
        }
        else
        {
            WriteString(value);
        }

        return this;
    }

    public JsonWriter Value(long value)
    {
        Separator();
        output.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonWriter Value(bool value)
    {
        Separator();
        output.Write(value ? "true" : "false");
        return this;
    }

    public JsonWriter Property(string name, string? value) => Name(name).Value(value);

    public JsonWriter Property(string name, long value) => Name(name).Value(value);

    public JsonWriter Property(string name, bool value) => Name(name).Value(value);

    private JsonWriter Open(char bracket)
    {
        Separator();
        output.Write(bracket);
        hasItems.Push(false);
        return this;
    }

    private JsonWriter Close(char bracket)
    {
        bool any = hasItems.Pop();
        if (any && indented)
        {
            output.Write('\n');
            Indent();
        }

        output.Write(bracket);
        return this;
    }

    private void Separator()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }

        if (hasItems.Count == 0)
        {
            return;
        }

        if (hasItems.Peek())
        {
            output.Write(',');
        }
        else
        {
            hasItems.Pop();
            hasItems.Push(true);
        }

        if (indented)
        {
            output.Write('\n');
            Indent();
        }
    }

    private void Indent()
    {
        for (int i = 0; i < hasItems.Count; i++)
        {
            output.Write("  ");
        }
    }

    private void WriteString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (c < ' ' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                    {
                        // Lone surrogates (possible in decoded pickle strings) are escaped so the output stays valid UTF-8.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        output.Write(builder.ToString());
    }
}
