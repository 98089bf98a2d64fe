namespace PickleBuildGuard.Machine;

/// <summary>A module attribute a pickle resolves; <see cref="Name"/> is empty when the value is the module itself.</summary>
internal sealed class GlobalRef
{
    public GlobalRef(string module, string name, GlobalOrigin origin, long offset)
    {
        Module = module;
        Name = name;
        Origin = origin;
        Offset = offset;
    }

    public string Module { get; }

    public string Name { get; }

    public GlobalOrigin Origin { get; }

    public long Offset { get; }

    public bool IsModule => Name.Length == 0;

    /// <summary><c>module.name</c> for reports: control and non-ASCII characters escaped, so a look-alike is visible.</summary>
    public string FullName => fullName ??= Display(IsModule ? Module : Module + "." + Name);

    private string? fullName;

    private static string Display(string text)
    {
        foreach (char c in text)
        {
            if (c < 32 || c > 126)
            {
                var builder = new System.Text.StringBuilder(text.Length + 16);
                foreach (char d in text)
                {
                    builder.Append(d < 32 || d > 126 ? "\\u" + ((int)d).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : d.ToString());
                }

                return builder.ToString();
            }
        }

        return text;
    }

    /// <summary>Set once the analysis has reported this global as invoked, so repeated calls fold into one finding.</summary>
    public bool InvocationJudged { get; set; }

    public override string ToString() => FullName;
}
