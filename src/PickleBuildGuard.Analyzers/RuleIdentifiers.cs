namespace PickleBuildGuard.Analyzers;

/// <summary>The analyzer's rule codes: the <c>PBG2nnn</c> range of DESIGN.md ("pickle content loaded through interop without the guard").</summary>
public static class RuleIdentifiers
{
    public const string PythonNetPickleLoad = "PBG2001";
    public const string PythonCodeLoadsPickle = "PBG2002";
    public const string IronPythonPickleLoad = "PBG2003";
    public const string CSnakesPickleLoad = "PBG2004";
    public const string DotNetUnpickler = "PBG2005";
    public const string PythonProcessLoadsPickle = "PBG2006";

    /// <summary>Same base as <c>PickleBuildGuard.Rules.RuleCatalog.HelpUriBase</c> (the analyzer may not reference Core).</summary>
    public const string HelpUriBase = "https://github.com/picklebuildguard/picklebuildguard/blob/main/docs/rules/";

    public static string HelpUri(string id) => HelpUriBase + id + ".md";
}
