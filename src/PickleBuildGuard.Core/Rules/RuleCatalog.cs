using System.Collections.Generic;
using System.Linq;

namespace PickleBuildGuard.Rules;

/// <summary>
/// Every rule the engine can report. PBG0nnn: the scan itself could not complete. PBG1nnn: findings in pickle content.
/// (PBG2nnn belongs to the Roslyn analyzer, which ships on its own.)
/// </summary>
public static class RuleCatalog
{
    /// <summary>Where the rule pages live; each diagnostic's help link is this plus <c>PBGnnnn.md</c>.</summary>
    public const string HelpUriBase = "https://github.com/picklebuildguard/picklebuildguard/blob/main/docs/rules/";

    private const string Cwe502 = "CWE-502";

    public static readonly Rule UnreadableFile = new("PBG0001", "File could not be read", Verdict.Unknown, null,
        "The file could not be opened or read (missing, a directory, no permission, vanished during the scan, I/O error).");

    public static readonly Rule TruncatedStream = new("PBG0002", "Pickle stream is truncated", Verdict.Unknown, null,
        "The pickle ends before its STOP opcode or in the middle of an opcode's argument; what the loader would do with the rest is unknown.");

    public static readonly Rule MalformedStream = new("PBG0003", "Pickle stream is malformed", Verdict.Unknown, null,
        "An opcode or argument is invalid, or the stack, mark or memo discipline is broken; a loader stops there, a different loader may not.");

    public static readonly Rule LimitExceeded = new("PBG0004", "Analysis stopped at a resource limit", Verdict.Unknown, "CWE-400",
        "An opcode, memo, stack, nesting, nested-payload or time budget was reached before the whole input was analysed.");

    public static readonly Rule UnsupportedFormat = new("PBG0005", "Content cannot be inspected", Verdict.Unknown, null,
        "The container or compression is recognised but cannot be opened here, so its pickles were not analysed.");

    public static readonly Rule NotRecognised = new("PBG0006", "Not a recognised model format", Verdict.Unknown, null,
        "The content is neither a pickle nor a model container the scanner understands; nothing could be verified.");

    public static readonly Rule InvalidPolicy = new("PBG0007", "Invalid policy", Verdict.Unknown, null,
        "The policy file or a policy option could not be parsed; the scan does not run with a policy it cannot read.");

    public static readonly Rule InternalError = new("PBG0008", "Scanner error", Verdict.Unknown, null,
        "The scanner failed unexpectedly on this input; the file is treated as not verified.");

    public static readonly Rule TrustedHashMismatch = new("PBG0009", "Trusted hash does not match", Verdict.Suspicious, null,
        "A file is pinned with PickleBuildGuardTrustedSha256, but its content has another hash: the pin no longer vouches for it and its findings count again.");

    public static readonly Rule DangerousCallableInvoked = new("PBG1001", "Dangerous callable invoked on load", Verdict.Critical, Cwe502,
        "Loading calls a known code-execution, process, import, file, network, native-code or nested-deserialisation primitive.");

    public static readonly Rule DangerousGlobalImported = new("PBG1002", "Dangerous global imported", Verdict.Dangerous, Cwe502,
        "The pickle imports a known dangerous callable or module; loading resolves it even when the call is not visible.");

    public static readonly Rule UnlistedCallableInvoked = new("PBG1003", "Unlisted callable invoked on load", Verdict.Dangerous, Cwe502,
        "Loading calls a callable of the standard library or of a known ML library that is not on the allowlist (default deny).");

    public static readonly Rule UnknownGlobal = new("PBG1004", "Unknown global", Verdict.Suspicious, Cwe502,
        "The pickle imports a global from a third-party or application module the scanner has no knowledge of; review it or allow it in the policy.");

    public static readonly Rule DynamicResolution = new("PBG1005", "Dynamic or computed global resolution", Verdict.Dangerous, Cwe502,
        "A global's module or name, or a callable, is computed at load time instead of written as a literal, which hides what is called.");

    public static readonly Rule AttributeWalk = new("PBG1006", "Attribute walk in a global name", Verdict.Dangerous, Cwe502,
        "A dotted global name walks attributes (through another module, `__builtins__`, `__globals__`, `__dict__`, `__subclasses__`…) to reach something else.");

    public static readonly Rule SuspiciousIdentifier = new("PBG1007", "Non-ASCII or malformed identifier", Verdict.Dangerous, Cwe502,
        "A module or name contains non-ASCII (homoglyph), control or other characters no Python identifier has.");

    public static readonly Rule ExtensionRegistry = new("PBG1008", "Extension registry reference", Verdict.Dangerous, Cwe502,
        "EXT1/EXT2/EXT4 resolve a callable through the process's copyreg registry, which the file does not show.");

    public static readonly Rule PersistentId = new("PBG1009", "Persistent id outside a known container", Verdict.Suspicious, Cwe502,
        "PERSID/BINPERSID hand object construction to the loader's persistent_load hook.");

    public static readonly Rule NestedPickle = new("PBG1010", "Nested pickle payload", Verdict.Dangerous, Cwe502,
        "A byte or string value holds another pickle (raw, base64, hex or zlib) whose content has findings of its own.");

    public static readonly Rule StructuralTampering = new("PBG1011", "Structural tampering", Verdict.Dangerous, "CWE-436",
        "An opcode sequence no pickler produces: an opcode crossing the end of its FRAME, a FRAME opened inside another, a misplaced PROTO, or a call of a value that is not callable.");

    public static readonly Rule SuspiciousString = new("PBG1012", "Suspicious string", Verdict.Suspicious, null,
        "A string literal looks like shell commands, Python code or a URL; supporting evidence for other findings.");

    public static readonly Rule ExpansionBomb = new("PBG1013", "Expansion bomb", Verdict.Dangerous, "CWE-776",
        "Memo or DUP references amplify a small input into a very large object graph (billion laughs).");

    public static readonly Rule StateOnGlobal = new("PBG1014", "State written onto a module, function or class", Verdict.Dangerous, "CWE-471",
        "BUILD sets attributes on an imported module, function or class, changing what later globals resolve to.");

    public static readonly Rule TrailingData = new("PBG1015", "Unparsed data after the pickle", Verdict.Suspicious, null,
        "Bytes after the final STOP are not a pickle; a second load from the same stream would read them.");

    public static IReadOnlyList<Rule> All { get; } = new[]
    {
        UnreadableFile, TruncatedStream, MalformedStream, LimitExceeded, UnsupportedFormat, NotRecognised, InvalidPolicy, InternalError, TrustedHashMismatch,
        DangerousCallableInvoked, DangerousGlobalImported, UnlistedCallableInvoked, UnknownGlobal, DynamicResolution, AttributeWalk,
        SuspiciousIdentifier, ExtensionRegistry, PersistentId, NestedPickle, StructuralTampering, SuspiciousString, ExpansionBomb,
        StateOnGlobal, TrailingData,
    };

    private static readonly Dictionary<string, Rule> ById = All.ToDictionary(r => r.Id);

    public static Rule? Find(string id) => ById.TryGetValue(id, out var rule) ? rule : null;
}
