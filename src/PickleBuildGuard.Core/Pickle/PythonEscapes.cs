using System.Text;

namespace PickleBuildGuard.Pickle;

/// <summary>Decoding of the two escaped text forms of protocol 0: quoted STRING literals and raw-unicode-escape UNICODE.</summary>
internal static class PythonEscapes
{
    /// <summary>Decodes the inside of a Python bytes/str literal (\n, \xhh, octal, \\ …) as Latin-1 text, up to <paramref name="maxChars"/>.</summary>
    public static string DecodeBytesLiteral(byte[] data, int start, int length, int maxChars)
    {
        var builder = new StringBuilder(System.Math.Min(length, maxChars));
        int end = start + length;
        for (int i = start; i < end && builder.Length < maxChars; i++)
        {
            char c = (char)data[i];
            if (c != '\\' || i + 1 >= end)
            {
                builder.Append(c);
                continue;
            }

            char e = (char)data[++i];
            switch (e)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'v': builder.Append('\v'); break;
                case '\n': break;
                case 'x':
                    if (i + 2 < end && TryHex(data[i + 1], out int hi) && TryHex(data[i + 2], out int lo))
                    {
                        builder.Append((char)((hi << 4) | lo));
                        i += 2;
                    }
                    else
                    {
                        builder.Append('\\').Append(e);
                    }

                    break;
                default:
                    if (e >= '0' && e <= '7')
                    {
                        int value = e - '0';
                        for (int k = 0; k < 2 && i + 1 < end && data[i + 1] >= '0' && data[i + 1] <= '7'; k++)
                        {
                            value = (value * 8) + (data[++i] - '0');
                        }

                        builder.Append((char)(value & 0xFF));
                    }
                    else if (e is '\\' or '\'' or '"')
                    {
                        builder.Append(e);
                    }
                    else
                    {
                        builder.Append('\\').Append(e);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes raw-unicode-escape (Latin-1 bytes plus \uXXXX and \UXXXXXXXX), up to <paramref name="maxChars"/>.</summary>
    public static string DecodeRawUnicodeEscape(byte[] data, int start, int length, int maxChars)
    {
        var builder = new StringBuilder(System.Math.Min(length, maxChars));
        int end = start + length;
        for (int i = start; i < end && builder.Length < maxChars; i++)
        {
            char c = (char)data[i];
            if (c == '\\' && i + 1 < end && (data[i + 1] == 'u' || data[i + 1] == 'U'))
            {
                int digits = data[i + 1] == 'u' ? 4 : 8;
                if (i + 1 + digits < end && TryParseHex(data, i + 2, digits, out int code))
                {
                    AppendCodePoint(builder, code);
                    i += 1 + digits;
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static void AppendCodePoint(StringBuilder builder, int code)
    {
        if (code < 0x10000)
        {
            builder.Append((char)code);
        }
        else if (code <= 0x10FFFF)
        {
            code -= 0x10000;
            builder.Append((char)(0xD800 + (code >> 10))).Append((char)(0xDC00 + (code & 0x3FF)));
        }
        else
        {
            builder.Append('\uFFFD');
        }
    }

    private static bool TryParseHex(byte[] data, int start, int digits, out int value)
    {
        value = 0;
        for (int k = 0; k < digits; k++)
        {
            if (!TryHex(data[start + k], out int d))
            {
                return false;
            }

            value = (value << 4) | d;
        }

        return true;
    }

    private static bool TryHex(byte b, out int value)
    {
        value = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
        return value >= 0;
    }
}
