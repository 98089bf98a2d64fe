using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PickleBuildGuard.Analyzers.Python;

/// <summary>
/// The Python callables that unpickle, by qualified name (DOTNET.md §3.9). Shared by the text rules (Python source)
/// and the interop rules (a member called on an imported module).
/// </summary>
internal static class PickleCallables
{
    private static readonly Dictionary<string, PickleCallableCondition> ByQualifiedName = Build();

    // Conventional aliases that Python snippets use without showing the import.
    private static readonly Dictionary<string, string> ConventionalAliases = new(StringComparer.Ordinal)
    {
        ["np"] = "numpy",
        ["pd"] = "pandas",
    };

    private static readonly Regex WeightsOnlyTrue = new(@"\bweights_only\s*=\s*True\b", RegexOptions.CultureInvariant);
    private static readonly Regex AllowPickleTrue = new(@"\ballow_pickle\s*=\s*True\b", RegexOptions.CultureInvariant);

    public static bool TryGet(string qualifiedName, out PickleCallableCondition condition)
    {
        if (ByQualifiedName.TryGetValue(qualifiedName, out condition))
        {
            return true;
        }

        // pandas.read_pickle is reached through many names (pd, pandas.io.pickle, a re-export …).
        if (qualifiedName.EndsWith(".read_pickle", StringComparison.Ordinal))
        {
            condition = PickleCallableCondition.Always;
            return true;
        }

        return false;
    }

    /// <summary>The module a conventional alias stands for (<c>np</c> → <c>numpy</c>), or the name itself.</summary>
    public static string ResolveConventionalAlias(string name) =>
        ConventionalAliases.TryGetValue(name, out var module) ? module : name;

    /// <summary>Whether a call with these Python keyword arguments (source text of the argument list) unpickles.</summary>
    public static bool Unpickles(PickleCallableCondition condition, string? argumentsText) => condition switch
    {
        PickleCallableCondition.UnlessWeightsOnlyTrue => argumentsText is null || !WeightsOnlyTrue.IsMatch(argumentsText),
        PickleCallableCondition.OnlyWithAllowPickleTrue => argumentsText is not null && AllowPickleTrue.IsMatch(argumentsText),
        _ => true,
    };

    /// <summary>Whether a call with these keyword arguments (name → constant bool, when known) unpickles.</summary>
    public static bool Unpickles(PickleCallableCondition condition, Func<string, bool?> keywordBoolean) => condition switch
    {
        PickleCallableCondition.UnlessWeightsOnlyTrue => keywordBoolean("weights_only") != true,
        PickleCallableCondition.OnlyWithAllowPickleTrue => keywordBoolean("allow_pickle") == true,
        _ => true,
    };

    private static Dictionary<string, PickleCallableCondition> Build()
    {
        var table = new Dictionary<string, PickleCallableCondition>(StringComparer.Ordinal);
        foreach (var module in new[] { "pickle", "_pickle", "cPickle", "dill", "cloudpickle" })
        {
            table[module + ".load"] = PickleCallableCondition.Always;
            table[module + ".loads"] = PickleCallableCondition.Always;
            table[module + ".Unpickler"] = PickleCallableCondition.Always;
        }

        table["joblib.load"] = PickleCallableCondition.Always;
        table["sklearn.externals.joblib.load"] = PickleCallableCondition.Always;
        table["torch.load"] = PickleCallableCondition.UnlessWeightsOnlyTrue;
        table["torch.serialization.load"] = PickleCallableCondition.UnlessWeightsOnlyTrue;
        table["torch.hub.load"] = PickleCallableCondition.Always;
        table["torch.hub.load_state_dict_from_url"] = PickleCallableCondition.UnlessWeightsOnlyTrue;
        table["numpy.load"] = PickleCallableCondition.OnlyWithAllowPickleTrue;
        table["pandas.read_pickle"] = PickleCallableCondition.Always;
        table["shelve.open"] = PickleCallableCondition.Always;
        table["jsonpickle.decode"] = PickleCallableCondition.Always;
        table["marshal.load"] = PickleCallableCondition.Always;
        table["marshal.loads"] = PickleCallableCondition.Always;
        return table;
    }
}
