using System;
using System.Collections.Generic;
using PickleBuildGuard.Knowledge;
using PickleBuildGuard.Policy;

namespace PickleBuildGuard.Analysis;

/// <summary>
/// Classifies a global name against the policy and the built-in knowledge, seeing through the disguises of the
/// bypass catalogue: Python 2 names, dotted attribute walks (<c>pathlib</c> + <c>os.system</c>), dunder walks
/// (<c>__builtins__</c>, <c>__globals__</c> …) and non-ASCII look-alikes. Results are cached per name.
/// </summary>
internal sealed class GlobalClassifier
{
    // Attributes that lead from an object to namespaces, code or other objects: reaching one is a walk even in an
    // undotted name (numpy.__builtins__). Inside a dotted name every dunder segment counts.
    private static readonly HashSet<string> WalkDunders = new(StringComparer.Ordinal)
    {
        "__builtins__", "__globals__", "__dict__", "__subclasses__", "__getattribute__", "__getattr__", "__class__",
        "__base__", "__bases__", "__mro__", "__self__", "__func__", "__code__", "__closure__", "__loader__", "__spec__",
        "__wrapped__", "__defaults__", "__kwdefaults__", "__objclass__", "__members__", "__annotations__", "__traceback__",
    };

    private readonly CallableKnowledge knowledge;
    private readonly ScanPolicy policy;
    private readonly Dictionary<string, GlobalAssessment> cache = new(StringComparer.Ordinal);

    public GlobalClassifier(CallableKnowledge knowledge, ScanPolicy policy)
    {
        this.knowledge = knowledge;
        this.policy = policy;
    }

    public CallableKnowledge Knowledge => knowledge;

    public bool IsStrict => policy.Strict;

    public GlobalAssessment Assess(string module, string name)
    {
        string key = module + "\n" + name;
        if (!cache.TryGetValue(key, out var assessment))
        {
            assessment = Compute(module, name);
            cache[key] = assessment;
        }

        return assessment;
    }

    private GlobalAssessment Compute(string module, string name)
    {
        // yaml.__init__ imports the package a second time under another name: judge it as the package itself.
        module = module.Replace(".__init__", string.Empty);

        var (compatModule, compatName) = knowledge.MapCompat(module, name);
        bool mapped = compatModule != module || compatName != name;

        GlobalAssessment result;
        if (policy.IsBlocked(module, name) || (mapped && policy.IsBlocked(compatModule, compatName)))
        {
            result = new GlobalAssessment(KnowledgeDisposition.Denied, "policy", "block list", byPolicy: true);
        }
        else if (policy.IsAllowed(module, name) || (mapped && policy.IsAllowed(compatModule, compatName)))
        {
            result = new GlobalAssessment(KnowledgeDisposition.Allowed, string.Empty, "allow list", byPolicy: true);
        }
        else
        {
            KnowledgeMatch original = knowledge.Classify(module, name);
            KnowledgeMatch effective = original;
            if (mapped)
            {
                KnowledgeMatch py3 = knowledge.Classify(compatModule, compatName);
                effective = original.Disposition == KnowledgeDisposition.Denied ? original : py3;
            }

            result = new GlobalAssessment(effective.Disposition, effective.Category, effective.Entry, byPolicy: false);
        }

        if (mapped)
        {
            result.CompatName = compatModule + "." + compatName;
        }

        result.IdentifierProblem = IdentifierProblem(module, isModule: true) ?? IdentifierProblem(name, isModule: false);
        // An exact allowlist entry names the dotted path itself (torch._utils + torch.contiguous_format): no walk to judge.
        if (result.Disposition != KnowledgeDisposition.Allowed)
        {
            AssessWalk(module, mapped ? compatName : name, result);
        }
        else if (result.ByPolicy && !policy.IsAllowedExactly(module, name) && !(mapped && policy.IsAllowedExactly(compatModule, compatName)))
        {
            // A policy wildcard trusts a package's own globals, not the places its attributes lead to: mypkg.* does not
            // accept mypkg + os.system. Only an exact entry can name such a path.
            var probe = new GlobalAssessment(KnowledgeDisposition.Allowed, string.Empty, string.Empty, byPolicy: true);
            AssessWalk(module, mapped ? compatName : name, probe);
            if (probe.Walk is not null)
            {
                var builtIn = knowledge.Classify(module, name);
                result = new GlobalAssessment(builtIn.Disposition, builtIn.Category, builtIn.Entry, byPolicy: false)
                {
                    CompatName = result.CompatName,
                    Walk = probe.Walk,
                    WalkTarget = probe.WalkTarget,
                };
            }
        }

        return result;
    }

    // A dotted name is resolved by getattr, segment by segment (protocol 4 semantics, and CPython 3.x for GLOBAL too).
    private void AssessWalk(string module, string name, GlobalAssessment result)
    {
        string[] segments = name.Split('.');

        // The name ends on a module (random._os, pandas._config.localization.subprocess, enum.bltns): pickle never
        // writes a module object as a global, so reaching one is a walk, and a denied module is reached whole.
        if (ModuleAlias(segments[segments.Length - 1]) is { } finalModule && (knowledge.IsDeniedModule(finalModule, out _) || finalModule == "builtins"))
        {
            result.Walk = segments[segments.Length - 1];
            result.WalkTarget = finalModule + ".*";
            return;
        }

        foreach (string segment in segments)
        {
            bool dunder = segment.Length > 4 && segment.StartsWith("__", StringComparison.Ordinal) && segment.EndsWith("__", StringComparison.Ordinal);
            if (WalkDunders.Contains(segment) || (dunder && segments.Length > 1))
            {
                result.Walk = segment;
                break;
            }
        }

        for (int i = 0; i < segments.Length - 1; i++)
        {
            string rest = string.Join(".", segments, i + 1, segments.Length - i - 1);

            // Into a submodule of the same package: torch + serialization.load.
            string submodule = module + "." + string.Join(".", segments, 0, i + 1);
            bool sameName = submodule + "." + rest == module + "." + name;
            if (!sameName && knowledge.Classify(submodule, rest).Disposition == KnowledgeDisposition.Denied)
            {
                result.Walk ??= segments[i];
                result.WalkTarget = submodule + "." + rest;
                return;
            }

            // Into another module through a module attribute: pathlib + os.system, numpy + core._internal.sys.modules,
            // and the private aliases modules keep of what they import (random._os, collections._sys, enum.bltns).
            if (ModuleAlias(segments[i]) is { } aliased)
            {
                result.Walk ??= segments[i];
                if (knowledge.Classify(aliased, rest).Disposition == KnowledgeDisposition.Denied)
                {
                    result.WalkTarget = aliased + "." + rest;
                    return;
                }
            }
        }

        // Nothing on the denylist reached: Class.method or a function whose job is to write, delete, execute, load or
        // connect (numpy.matrix.tofile, pandas…Series.to_string, a third-party Popen re-export) is dangerous anywhere.
        if (DangerousMembers.Contains(segments[segments.Length - 1]) && result.Disposition != KnowledgeDisposition.Allowed)
        {
            result.Walk ??= segments.Length > 1 ? segments[segments.Length - 2] : null;
            result.WalkTarget = module + "." + name;
            result.DangerousMember = segments[segments.Length - 1];
        }
    }

    /// <summary>Method and function names whose job is to write, delete, execute, load or connect.</summary>
    internal static readonly HashSet<string> DangerousMembers = new(StringComparer.Ordinal)
    {
        "write_text", "write_bytes", "touch", "unlink", "rmdir", "mkdir", "makedirs", "chmod", "lchmod", "chown", "symlink_to",
        "hardlink_to", "link_to", "rename", "replace", "rmtree", "remove", "removedirs", "truncate", "tofile", "dump",
        "to_pickle", "to_csv", "to_parquet", "to_hdf", "to_json", "to_excel", "to_sql", "to_feather", "to_stata", "to_html",
        "to_latex", "to_markdown", "to_clipboard", "to_orc", "to_xml", "to_gbq", "to_string", "savefig", "save_model",
        "save_pretrained", "savetxt", "savez", "dump_model", "from_file", "copy_", "copyfile", "copytree", "copy2",
        "system", "popen", "Popen", "spawn", "spawnv", "spawnve", "spawnl", "spawnlp", "spawnvp", "spawnvpe", "posix_spawn",
        "posix_spawnp", "execv", "execve", "execl", "execle", "execlp", "execvp", "execvpe", "exec_", "getoutput",
        "getstatusoutput", "check_output", "check_call", "run_path", "run_module", "import_module", "urlopen", "urlretrieve",
        "create_connection", "CDLL", "LoadLibrary", "_evaluate", "parse_expr", "sympify", "read_gpickle", "write_gpickle",
        "unsafe_load", "full_load", "load_module", "exec_module", "loads", "_loads", "executescript", "extractall",
        "runcode", "runsource", "runctx", "execfile", "open", "open_file", "save",
        // Also never a harmless bound method: they connect, send, execute SQL or code, or apply callables.
        "__setattr__", "apply", "applymap", "call", "compile", "connect", "dumps", "eval", "exec", "execute",
        "executemany", "extract", "format_map", "kill", "load", "load_model", "pipe", "post", "put", "query",
        "read_pickle", "reload", "request", "run", "send", "sendall", "sendto", "setattr", "start", "terminate",
        "update_wrapper", "write", "writelines",
    };

    // Names under which standard-library modules keep other modules (import os as _os; import builtins as bltns).
    private static readonly Dictionary<string, string> KnownAliases = new(StringComparer.Ordinal)
    {
        ["bltns"] = "builtins",
        ["_bltns"] = "builtins",
        ["__builtin__"] = "builtins",
        ["_builtins"] = "builtins",
        ["_subprocess"] = "subprocess",
        ["_posix"] = "posix",
    };

    /// <summary>The module a non-final segment of a dotted name stands for, when it names one.</summary>
    private string? ModuleAlias(string segment)
    {
        if (!IsLowerIdentifier(segment))
        {
            return null;
        }

        if (KnownAliases.TryGetValue(segment, out string? aliased))
        {
            return aliased;
        }

        if (knowledge.IsKnownNamespace(segment))
        {
            return segment;
        }

        string stripped = segment.TrimStart('_');
        return stripped.Length > 0 && stripped != segment && knowledge.IsKnownNamespace(stripped) && knowledge.IsDeniedModule(stripped, out _)
            ? stripped
            : null;
    }

    private static bool IsLowerIdentifier(string segment)
    {
        foreach (char c in segment)
        {
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return segment.Length > 0;
    }

    private static string? IdentifierProblem(string text, bool isModule)
    {
        if (text.Length == 0)
        {
            return isModule ? "empty module name" : "empty name";
        }

        foreach (char c in text)
        {
            bool ok = c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!ok)
            {
                return c > 127
                    ? $"non-ASCII character U+{(int)c:X4} (a look-alike hides the real name)"
                    : $"character 0x{(int)c:X2} is not allowed in an identifier";
            }
        }

        if (text[0] == '.' || text[text.Length - 1] == '.' || text.Contains(".."))
        {
            return "empty segment in a dotted name";
        }

        return null;
    }
}
