using System.Globalization;
using System.Text;

namespace PickleBuildGuard.Cli;

/// <summary>Makes text that comes from scanned files safe to print on a terminal or in a CI log.</summary>
internal static class ConsoleText
{
    /// <summary>
    /// Escapes control characters and bidirectional overrides: callables and strings come from the (hostile)
    /// pickle, and an ESC sequence or a right-to-left override must not rewrite what the reader sees.
    /// </summary>
    public static string Sanitize(string text)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(c))
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text, 0, i, text.Length + 16);
            builder.Append(c <= 0xFF ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return builder?.ToString() ?? text;
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F)
        || c == '\u061C' || c == '\u200E' || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
}
