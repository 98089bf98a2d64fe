namespace PickleBuildGuard;

/// <summary>Lower-case hexadecimal, the form reports, SHA-256 pins and cache MACs write hashes in.</summary>
internal static class Hex
{
    public static string Of(byte[] bytes)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
