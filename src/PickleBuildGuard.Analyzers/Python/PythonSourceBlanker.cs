using System.Text;

namespace PickleBuildGuard.Analyzers.Python;

/// <summary>
/// Blanks Python comments and the contents of string literals, keeping every other character at its offset (and
/// every line break), so a pattern found in the result is code and its offset is valid in the original text.
/// </summary>
internal static class PythonSourceBlanker
{
    public static string Blank(string source)
    {
        var result = new StringBuilder(source);
        int i = 0;
        while (i < source.Length)
        {
            char c = source[i];
            if (c == '#')
            {
                i = BlankUntilLineEnd(source, result, i);
            }
            else if (c is '\'' or '"')
            {
                i = BlankString(source, result, i);
            }
            else
            {
                i++;
            }
        }

        return result.ToString();
    }

    private static int BlankUntilLineEnd(string source, StringBuilder result, int start)
    {
        int i = start;
        while (i < source.Length && source[i] != '\n' && source[i] != '\r')
        {
            result[i] = ' ';
            i++;
        }

        return i;
    }

    // The quotes stay; what is between them becomes spaces. A backslash always takes the next character with it
    // (also in raw strings, where r'\'' is one string), which is all tokenising needs.
    private static int BlankString(string source, StringBuilder result, int start)
    {
        char quote = source[start];
        bool triple = start + 2 < source.Length && source[start + 1] == quote && source[start + 2] == quote;
        int i = start + (triple ? 3 : 1);
        while (i < source.Length)
        {
            char c = source[i];
            if (c == '\\' && i + 1 < source.Length)
            {
                Blank(result, i);
                Blank(result, i + 1);
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (!triple)
                {
                    return i + 1;
                }

                if (i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote)
                {
                    return i + 3;
                }
            }
            else if (!triple && c is '\n' or '\r')
            {
                return i; // unterminated single-line string: Python would reject it; stop at the line end
            }

            Blank(result, i);
            i++;
        }

        return i;
    }

    private static void Blank(StringBuilder result, int index)
    {
        if (result[index] is not '\n' and not '\r')
        {
            result[index] = ' ';
        }
    }
}
