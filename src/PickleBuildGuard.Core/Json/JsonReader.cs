using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PickleBuildGuard.Json;

/// <summary>
/// A small, strict JSON parser for policy files. The engine targets netstandard2.0 and ships inside MSBuild and
/// Visual Studio, where a System.Text.Json dependency would clash with the host's copy; policy files are tiny.
/// Objects become <see cref="Dictionary{TKey,TValue}"/> (ordinal keys), arrays <see cref="List{T}"/>, numbers
/// <see cref="double"/>, plus string, bool and null.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string text;
    private int position;

    private JsonReader(string text) => this.text = text;

    /// <summary>Parses one JSON document; throws <see cref="FormatException"/> with a line and column on bad input.</summary>
    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader.position != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting is too deep");
        }

        if (position >= text.Length)
        {
            throw Error("unexpected end of input");
        }

        char c = text[position];
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': ExpectWord("true"); return true;
            case 'f': ExpectWord("false"); return false;
            case 'n': ExpectWord("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Error($"unexpected character '{c}'");
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        position++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            position++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name in double quotes");
            }

            string key = ReadString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            if (result.ContainsKey(key))
            {
                throw Error($"duplicate property '{key}'");
            }

            result[key] = ReadValue(depth + 1);
            SkipWhitespace();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            Expect('}');
            return result;
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        position++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            position++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            Expect(']');
            return result;
        }
    }

    private string ReadString()
    {
        position++;

        // Most strings (names, hashes, paths) hold no escape: take them in one piece without a builder.
        int end = position;
        while (end < text.Length && text[end] != '"' && text[end] != '\\' && text[end] >= ' ')
        {
            end++;
        }

        if (end < text.Length && text[end] == '"')
        {
            string plain = text.Substring(position, end - position);
            position = end + 1;
            return plain;
        }

        var builder = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error("unterminated string");
            }

            char c = text[position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("control character in string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                throw Error("unterminated escape");
            }

            char escape = text[position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (position + 4 > text.Length ||
                        !int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("invalid \\u escape");
                    }

                    builder.Append((char)code);
                    position += 4;
                    break;
                default:
                    throw Error($"invalid escape '\\{escape}'");
            }
        }
    }

    private double ReadNumber()
    {
        int start = position;
        while (position < text.Length && "+-0123456789.eE".IndexOf(text[position]) >= 0)
        {
            position++;
        }

        string token = text.Substring(start, position - start);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw Error($"invalid number '{token}'");
        }

        return value;
    }

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            throw Error($"expected '{word}'");
        }

        position += word.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        position++;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipWhitespace()
    {
        while (position < text.Length && (text[position] == ' ' || text[position] == '\t' || text[position] == '\n' || text[position] == '\r'))
        {
            position++;
        }
    }

    private FormatException Error(string message)
    {
        int line = 1, column = 1;
        for (int i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new FormatException($"{message} (line {line}, column {column})");
    }
}
