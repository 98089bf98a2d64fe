using System;

namespace PickleBuildGuard.Policy;

/// <summary>A user pattern for globals: <c>module.name</c> exactly, or <c>module.*</c> for a module and its submodules.</summary>
public sealed class GlobalPattern
{
    private GlobalPattern(string text, string prefix, bool isWildcard)
    {
        Text = text;
        this.prefix = prefix;
        IsWildcard = isWildcard;
    }

    private readonly string prefix;

    public string Text { get; }

    public bool IsWildcard { get; }

    /// <summary>Parses a pattern; throws <see cref="PolicyException"/> when it is not <c>module.name</c> or <c>module.*</c>.</summary>
    public static GlobalPattern Parse(string text)
    {
        string trimmed = (text ?? string.Empty).Trim();
        if (trimmed.EndsWith(".*", StringComparison.Ordinal))
        {
            string module = trimmed.Substring(0, trimmed.Length - 2);
            if (!IsDottedIdentifier(module))
            {
                throw new PolicyException($"'{text}' is not a valid global pattern: expected 'module.name' or 'module.*'");
            }

            return new GlobalPattern(trimmed, module, isWildcard: true);
        }

        if (!IsDottedIdentifier(trimmed) || trimmed.IndexOf('.') < 0)
        {
            throw new PolicyException($"'{text}' is not a valid global pattern: expected 'module.name' or 'module.*'");
        }

        return new GlobalPattern(trimmed, trimmed, isWildcard: false);
    }

    /// <summary>Whether the global <paramref name="module"/>.<paramref name="name"/> matches.</summary>
    public bool Matches(string module, string name)
    {
        if (IsWildcard)
        {
            return module.Length >= prefix.Length
                && module.StartsWith(prefix, StringComparison.Ordinal)
                && (module.Length == prefix.Length || module[prefix.Length] == '.');
        }

        return prefix.Length == module.Length + 1 + name.Length
            && prefix.StartsWith(module, StringComparison.Ordinal)
            && prefix[module.Length] == '.'
            && string.CompareOrdinal(prefix, module.Length + 1, name, 0, name.Length) == 0;
    }

    public override string ToString() => Text;

    private static bool IsDottedIdentifier(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[text.Length - 1] == '.' || text.Contains(".."))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
