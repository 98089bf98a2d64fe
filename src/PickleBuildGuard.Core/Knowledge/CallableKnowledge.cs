using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PickleBuildGuard.Knowledge;

/// <summary>
/// Built-in knowledge about Python callables, loaded from the embedded resource <c>Knowledge/callables.txt</c>
/// (data, not code). Sections:
/// <list type="bullet">
/// <item><c>[deny CATEGORY]</c>: <c>module.name</c> exactly, or <c>module.*</c> for a module and all its submodules.</item>
/// <item><c>[allow GROUP]</c>: exact <c>module.name</c> entries only (no wildcards); an exact entry overrides a
/// <c>module.*</c> denial (a data type inside a dangerous package), never an exact denial.</item>
/// <item><c>[instantiates]</c>: allowed callables that create an instance of the class given as their first argument.</item>
/// <item><c>[namespaces]</c>: top-level modules under default deny (standard library and known ML libraries).</item>
/// <item><c>[compat-module]</c> / <c>[compat-name]</c>: CPython's <c>_compat_pickle</c> Python 2 → 3 renames.</item>
/// </list>
/// </summary>
internal sealed class CallableKnowledge
{
    private const string ResourceName = "PickleBuildGuard.Knowledge.callables.txt";

    private static readonly Lazy<CallableKnowledge> BuiltInInstance = new(LoadBuiltIn);

    private readonly Dictionary<string, string> deniedExact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> deniedModules = new(StringComparer.Ordinal);
    private readonly HashSet<string> allowedExact = new(StringComparer.Ordinal);
    private readonly HashSet<string> instantiators = new(StringComparer.Ordinal);
    private readonly HashSet<string> namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> compatModules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> compatNames = new(StringComparer.Ordinal);

    public static CallableKnowledge BuiltIn => BuiltInInstance.Value;

    public int DeniedCount => deniedExact.Count + deniedModules.Count;

    public int AllowedCount => allowedExact.Count;

    public IEnumerable<string> AllowedEntries => allowedExact;

    public IEnumerable<string> DeniedEntries
    {
        get
        {
            foreach (var key in deniedExact.Keys)
            {
                yield return key;
            }

            foreach (var key in deniedModules.Keys)
            {
                yield return key + ".*";
            }
        }
    }

    /// <summary>Parses the knowledge text; throws <see cref="FormatException"/> with the line number on a bad line.</summary>
    public static CallableKnowledge Parse(string text)
    {
        var knowledge = new CallableKnowledge();
        string section = string.Empty, argument = string.Empty;
        int lineNumber = 0;
        using var reader = new StringReader(text);
        for (string? raw = reader.ReadLine(); raw is not null; raw = reader.ReadLine())
        {
            lineNumber++;
            int hash = raw.IndexOf('#');
            string line = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[line.Length - 1] != ']')
                {
                    throw new FormatException($"callables.txt line {lineNumber}: unterminated section header");
                }

                string[] header = line.Substring(1, line.Length - 2).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                section = header.Length > 0 ? header[0] : string.Empty;
                argument = header.Length > 1 ? header[1] : string.Empty;
                if ((section == "deny" || section == "allow") && argument.Length == 0)
                {
                    throw new FormatException($"callables.txt line {lineNumber}: [{section}] needs a category");
                }

                continue;
            }

            string[] tokens = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            switch (section)
            {
                case "deny":
                    foreach (string token in tokens)
                    {
                        if (token.EndsWith(".*", StringComparison.Ordinal))
                        {
                            knowledge.deniedModules[token.Substring(0, token.Length - 2)] = argument;
                        }
                        else
                        {
                            RequireDotted(token, lineNumber);
                            knowledge.deniedExact[token] = argument;
                        }
                    }

                    break;
                case "allow":
                    foreach (string token in tokens)
                    {
                        RequireDotted(token, lineNumber);
                        if (token.IndexOf('*') >= 0)
                        {
                            throw new FormatException($"callables.txt line {lineNumber}: allow entries are exact names, '{token}' is a wildcard");
                        }

                        knowledge.allowedExact.Add(token);
                    }

                    break;
                case "instantiates":
                    foreach (string token in tokens)
                    {
                        RequireDotted(token, lineNumber);
                        knowledge.instantiators.Add(token);
                    }

                    break;
                case "namespaces":
                    foreach (string token in tokens)
                    {
                        knowledge.namespaces.Add(token);
                    }

                    break;
                case "compat-module":
                case "compat-name":
                    if (tokens.Length != 2)
                    {
                        throw new FormatException($"callables.txt line {lineNumber}: expected 'old new'");
                    }

                    (section == "compat-module" ? knowledge.compatModules : knowledge.compatNames)[tokens[0]] = tokens[1];
                    break;
                default:
                    throw new FormatException($"callables.txt line {lineNumber}: entry outside a known section");
            }
        }

        return knowledge;
    }

    /// <summary>
    /// Classifies <paramref name="module"/>.<paramref name="name"/> against the built-in lists only (the policy is
    /// applied by the caller). The name may be dotted; attribute walks are judged elsewhere.
    /// </summary>
    public KnowledgeMatch Classify(string module, string name)
    {
        // Most specific first: an exact denial, then an exact allowance (a data type inside a denied package, such
        // as os.stat_result), then a denied package.
        string full = module + "." + name;
        if (deniedExact.TryGetValue(full, out string? category))
        {
            return new KnowledgeMatch(KnowledgeDisposition.Denied, category, full);
        }

        if (allowedExact.Contains(full))
        {
            return new KnowledgeMatch(KnowledgeDisposition.Allowed, string.Empty, full);
        }

        for (string prefix = module; prefix.Length > 0; prefix = Parent(prefix))
        {
            if (deniedModules.TryGetValue(prefix, out category))
            {
                return new KnowledgeMatch(KnowledgeDisposition.Denied, category, prefix + ".*");
            }
        }

        string top = TopLevel(module);
        return namespaces.Contains(top)
            ? new KnowledgeMatch(KnowledgeDisposition.UnlistedKnownNamespace, string.Empty, top)
            : new KnowledgeMatch(KnowledgeDisposition.UnknownThirdParty, string.Empty, top);
    }

    /// <summary>Whether an allowed callable instantiates the class passed as its first argument (copyreg._reconstructor…).</summary>
    public bool Instantiates(string module, string name) => instantiators.Contains(module + "." + name);

    /// <summary>Whether a module name (its top level) belongs to a known namespace.</summary>
    public bool IsKnownNamespace(string module) => namespaces.Contains(TopLevel(module));

    /// <summary>Whether the module itself (or a parent) is denied as a whole.</summary>
    public bool IsDeniedModule(string module, out string category)
    {
        for (string prefix = module; prefix.Length > 0; prefix = Parent(prefix))
        {
            if (deniedModules.TryGetValue(prefix, out string? found))
            {
                category = found;
                return true;
            }
        }

        category = string.Empty;
        return false;
    }

    /// <summary>The Python 3 name CPython's unpickler maps a Python 2 global to (fix_imports), or the input.</summary>
    public (string Module, string Name) MapCompat(string module, string name)
    {
        if (compatNames.TryGetValue(module + "." + name, out string? mapped))
        {
            int dot = mapped.LastIndexOf('.');
            return (mapped.Substring(0, dot), mapped.Substring(dot + 1));
        }

        return compatModules.TryGetValue(module, out string? newModule) ? (newModule, name) : (module, name);
    }

    private static string Parent(string module)
    {
        int dot = module.LastIndexOf('.');
        return dot < 0 ? string.Empty : module.Substring(0, dot);
    }

    private static string TopLevel(string module)
    {
        int dot = module.IndexOf('.');
        return dot < 0 ? module : module.Substring(0, dot);
    }

    private static void RequireDotted(string token, int lineNumber)
    {
        if (token.IndexOf('.') <= 0)
        {
            throw new FormatException($"callables.txt line {lineNumber}: '{token}' is not module.name");
        }
    }

    private static CallableKnowledge LoadBuiltIn()
    {
        using Stream stream = typeof(CallableKnowledge).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }
}
