using System;
using System.Collections.Generic;
using System.Globalization;
using PickleBuildGuard.Detection;
using PickleBuildGuard.Knowledge;
using PickleBuildGuard.Machine;
using PickleBuildGuard.Rules;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Analysis;

/// <summary>
/// Judges what the symbolic machine sees in one pickle stream: every global it resolves, every call it would
/// make (and with what), every BUILD, EXT and persistent id, and values that hide nested payloads. Follows the
/// values calls produce (getattr, __import__, resolve_name, rot13…) so an indirect call is named.
/// </summary>
internal sealed class ContentAnalyzer
{
    private readonly ScanContext context;
    private readonly FindingCollector findings;
    private readonly GlobalClassifier classifier;
    private readonly Dictionary<string, GlobalRef> referenced = new(StringComparer.Ordinal);
    private readonly HashSet<string> invoked = new(StringComparer.Ordinal);

    public ContentAnalyzer(ScanContext context)
    {
        this.context = context;
        findings = context.Findings;
        classifier = context.Classifier;
    }

    private string? Member => context.Member;

    /// <summary>GLOBAL / INST with literal names.</summary>
    public GlobalRef ResolveGlobal(string? module, string? name, GlobalOrigin origin, long offset)
    {
        var global = new GlobalRef(module ?? string.Empty, name ?? string.Empty, origin, offset);
        Reference(global);
        return global;
    }

    /// <summary>STACK_GLOBAL: operands are judged for being literals; computed ones are named when they can be.</summary>
    public GlobalRef ResolveStackGlobal(in Value module, in Value name, long offset)
    {
        string? moduleText = OperandText(module, out bool moduleLiteral);
        string? nameText = OperandText(name, out bool nameLiteral);
        GlobalOrigin origin = moduleLiteral && nameLiteral ? GlobalOrigin.StackLiteral : GlobalOrigin.Derived;
        var global = new GlobalRef(moduleText ?? "<dynamic>", nameText ?? "<dynamic>", origin, offset);
        if (origin == GlobalOrigin.Derived)
        {
            string resolved = moduleText is not null && nameText is not null ? $" (resolves to {global.FullName})" : string.Empty;
            findings.Add(
                RuleCatalog.DynamicResolution,
                $"STACK_GLOBAL takes its operands from {module.Describe()} and {name.Describe()} instead of string literals{resolved}",
                moduleText is not null && nameText is not null ? global.FullName : null,
                Member,
                offset);
        }

        if (moduleText is not null && nameText is not null)
        {
            Reference(global);
        }

        return global;
    }

    /// <summary>REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST: judges the callee and evaluates what the call returns.</summary>
    public CallRecord Invoke(in Value callee, in Value arguments, InvokeKind kind, long offset)
    {
        var call = new CallRecord(callee, arguments, offset, CalleeName(callee));
        CollectEvidence(arguments);
        switch (callee.Kind)
        {
            case ValueKind.Global:
                InvokeGlobal(callee.Global!, call, kind, offset);
                break;
            case ValueKind.CallResult:
                InvokeCallResult(callee.Call!, call, kind, offset);
                break;
            case ValueKind.Extension:
                // Already reported as an extension-registry reference; calling it is the attack it enables.
                findings.Add(RuleCatalog.ExtensionRegistry, $"{Verb(kind)} an object resolved through the copyreg extension registry", null, Member, offset);
                break;
            case ValueKind.Persistent:
                findings.Add(RuleCatalog.DynamicResolution, $"{Verb(kind)} an object returned by persistent_load", null, Member, offset);
                break;
            case ValueKind.Unknown:
                findings.Add(RuleCatalog.DynamicResolution, $"{Verb(kind)} a value the scanner cannot resolve (after malformed input)", null, Member, offset);
                break;
            default:
                findings.Add(RuleCatalog.StructuralTampering, $"{Verb(kind)} a {callee.Kind.ToString().ToLowerInvariant()} value, which is not callable", null, Member, offset);
                break;
        }

        return call;
    }

    /// <summary>BUILD: state written onto an imported module, function or class changes what later globals resolve to.</summary>
    public void Build(in Value target, long offset)
    {
        if (target.Call is { } producer && producer.Callee.Global?.FullName is "builtins.getattr" or "__builtin__.getattr")
        {
            // An attribute fetched from another object (possibly a module BUILD stored there) is not the pickle's own.
            findings.Add(RuleCatalog.StateOnGlobal, $"BUILD writes state onto {target.Describe()}, an attribute of another object rather than an object the pickle created", null, Member, offset);
            return;
        }

        GlobalRef? global = target.Kind == ValueKind.Global ? target.Global : target.Call?.ResultGlobal;
        if (global is not null)
        {
            findings.Add(
                RuleCatalog.StateOnGlobal,
                $"BUILD writes state onto {global.FullName}, an imported module, function or class, not onto an object the pickle created",
                global.FullName,
                Member,
                offset);
        }
    }

    // Instance attributes Python looks up on the object itself when the unpickler (or a library) uses it: set through
    // BUILD they turn a stored value (a function, a module attribute) into a call.
    private static readonly HashSet<string> ImplicitlyCalledAttributes = new(StringComparer.Ordinal)
    {
        "__setstate__", "__array__", "__array_prepare__", "__array_wrap__", "__array_function__", "__array_ufunc__",
        "__getattr__", "__getattribute__", "__call__", "__reduce__", "__reduce_ex__", "__init__", "__new__", "__iter__",
        "__next__", "__getitem__", "__len__", "__index__", "__int__", "__float__", "__str__", "__repr__", "__hash__",
        "__eq__", "__del__", "__enter__", "__exit__", "__fspath__", "__set_name__", "__init_subclass__", "__class_getitem__",
        "append", "extend", "add", "keys", "items", "update", "detach", "requires_grad_", "from_arrays",
    };

    /// <summary>BUILD state that plants a method-like attribute on the instance.</summary>
    public void BuildState(in Value state, long offset)
    {
        CheckStateDict(state, offset);
        if (state.Items is { Length: 2 } pair)
        {
            CheckStateDict(pair[0], offset);
            CheckStateDict(pair[1], offset);
        }
    }

    private void CheckStateDict(in Value state, long offset)
    {
        if (state.Ref is not ContainerSize { Entries: { } entries })
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (entry.Key.Text is { } key && ImplicitlyCalledAttributes.Contains(key) && entry.Value.Kind is ValueKind.Global or ValueKind.CallResult or ValueKind.Extension or ValueKind.Persistent)
            {
                findings.Add(
                    RuleCatalog.StructuralTampering,
                    $"BUILD sets the instance attribute '{key}' to {entry.Value.Describe()}; Python calls that attribute implicitly, so the stored value runs on load",
                    entry.Value.Global?.FullName ?? entry.Value.Call?.ResultGlobal?.FullName,
                    Member,
                    offset);
            }
        }
    }

    public void Extension(long code, long offset) =>
        findings.Add(RuleCatalog.ExtensionRegistry, $"EXT opcode looks up extension code {code} in the loader's copyreg registry; what it resolves to is not in the file", "copyreg extension " + code.ToString(CultureInfo.InvariantCulture), Member, offset);

    public void PersistentId(long offset)
    {
        if (!context.PersistentIdsExpected)
        {
            findings.Add(RuleCatalog.PersistentId, "persistent id: object construction is handed to the loader's persistent_load hook", null, Member, offset);
        }
    }

    public void Expansion(long impliedObjects, long offset) =>
        findings.Add(RuleCatalog.ExpansionBomb, $"shared memo/DUP references make one container hold about {impliedObjects:N0} objects", null, Member, offset);

    /// <summary>A length field far beyond the input: loaders that trust it allocate it (an allocation bomb).</summary>
    public void AllocationBomb(string opcode, long declared, long remaining, long offset) =>
        findings.Add(RuleCatalog.ExpansionBomb, $"{opcode} declares {declared:N0} bytes but only {remaining:N0} remain: a loader trusting the length allocates it", null, Member, offset);

    /// <summary>Input a loader rejects at this point (CPython raises); the analysis goes on but is incomplete.</summary>
    public void Malformed(string message, long offset) => findings.Add(RuleCatalog.MalformedStream, message, null, Member, offset);

    public void Truncated(string message, long offset) => findings.Add(RuleCatalog.TruncatedStream, message, null, Member, offset);

    public void Structural(string message, long offset) => findings.Add(RuleCatalog.StructuralTampering, message, null, Member, offset);

    /// <summary>End of a pickle stream: globals that were resolved but never called are judged as imports.</summary>
    public void FinishStream()
    {
        foreach (var pair in referenced)
        {
            if (invoked.Contains(pair.Key))
            {
                continue;
            }

            GlobalRef global = pair.Value;
            var assessment = classifier.Assess(global.Module, global.Name);
            if (assessment.Disposition == KnowledgeDisposition.Denied || assessment.WalkTarget is not null)
            {
                string target = assessment.WalkTarget ?? global.FullName;
                string category = assessment.Disposition == KnowledgeDisposition.Denied ? assessment.Category
                    : assessment.DangerousMember is not null ? "dangerous-member" : WalkTargetMatch(target).Category;
                findings.Add(
                    RuleCatalog.DangerousGlobalImported,
                    $"imports {Named(global, assessment)}, which {Harm(category)}; loading resolves it even though no call to it is visible",
                    target,
                    Member,
                    global.Offset);
            }
            else if (assessment.Disposition == KnowledgeDisposition.UnknownThirdParty && !global.IsModule)
            {
                AddUnknown(global, assessment, "imports");
            }
        }

        referenced.Clear();
        invoked.Clear();
    }

    private bool IsTorchScriptType(GlobalRef global) =>
        context.TorchScriptTypes && (global.Module == "__torch__" || global.Module.StartsWith("__torch__.", StringComparison.Ordinal));

    private void Reference(GlobalRef global)
    {
        context.RecordGlobal(global.FullName);
        if (IsTorchScriptType(global))
        {
            return;
        }

        var assessment = classifier.Assess(global.Module, global.Name);
        if (assessment.IdentifierProblem is not null)
        {
            findings.Add(RuleCatalog.SuspiciousIdentifier, $"global {Escape(global.FullName)}: {assessment.IdentifierProblem}", Escape(global.FullName), Member, global.Offset);
        }

        if (assessment.Walk is not null && !(assessment.ByPolicy && assessment.Disposition == KnowledgeDisposition.Allowed))
        {
            string reaches = assessment.WalkTarget is not null ? $" and reaches {assessment.WalkTarget}" : string.Empty;
            findings.Add(
                RuleCatalog.AttributeWalk,
                $"global {global.FullName} walks attributes through '{assessment.Walk}'{reaches}",
                global.FullName,
                Member,
                global.Offset);
        }

        if (!referenced.ContainsKey(global.FullName))
        {
            referenced[global.FullName] = global;
        }
    }

    private void InvokeGlobal(GlobalRef global, CallRecord call, InvokeKind kind, long offset)
    {
        if (global.Origin == GlobalOrigin.Derived && !referenced.ContainsKey(global.FullName))
        {
            // Operands the analysis could not compute: the STACK_GLOBAL finding already says so; name the call too.
            findings.Add(RuleCatalog.DynamicResolution, $"{Verb(kind)} a global whose module and name are computed at load time", null, Member, offset);
            return;
        }

        var assessment = classifier.Assess(global.Module, global.Name);
        string effective = assessment.CompatName ?? global.FullName;
        invoked.Add(global.FullName);
        if (IsTorchScriptType(global))
        {
            return;
        }

        if (IsBoundMethodLookup(effective, call.Arguments, out string? attribute))
        {
            findings.AddNotice("attribute-lookup", $"getattr({FirstArgument(call.Arguments).Describe()}, '{attribute}'): a bound method, enum member or alternate constructor");
            call.IsPlainAttributeLookup = true;
            Evaluate(effective, call);
            return;
        }

        if (effective is "_operator.getitem" or "operator.getitem" && call.Arguments.Items is { Length: 2 } subscript
            && subscript[0].Global is { } form && form.Module == "typing")
        {
            // typing.List[int] and friends: subscribing a typing special form builds an annotation object.
            findings.AddNotice("typing-subscript", $"{form.FullName}[…] builds a typing annotation");
            return;
        }

        if (effective == "builtins.type" && call.Arguments.Items is { Length: 1 })
        {
            // type(x) with one argument only returns x's type (pickled type(None)); three arguments create a class.
            findings.AddNotice("type-of", $"builtins.type({call.Arguments.Describe()}) returns a type");
            return;
        }

        if (IsDillTypeLookup(effective, call.Arguments, out string? typeName))
        {
            // dill writes builtin and types-module types by name; the type is judged when it is called.
            call.ResultGlobal = typeName!.EndsWith("Type", StringComparison.Ordinal)
                ? new GlobalRef("types", typeName, GlobalOrigin.Derived, offset)
                : new GlobalRef("builtins", typeName, GlobalOrigin.Derived, offset);
            call.IsPlainAttributeLookup = true;
            Reference(call.ResultGlobal);
            return;
        }

        if (effective == "torch.storage._load_from_bytes" && FirstArgumentNested(call.Arguments) is { IsClean: true } nested)
        {
            findings.AddNotice("torch-storage", $"torch.storage._load_from_bytes of an embedded {nested.Encoding} torch payload that scanned clean");
            return;
        }

        JudgeInvocation(global, assessment, call, kind, offset, via: null);
        Evaluate(effective, call);

        if (assessment.Disposition == KnowledgeDisposition.Allowed && classifier.Knowledge.Instantiates(SplitModule(effective), SplitName(effective)))
        {
            // Allowed callables that call or instantiate what they are given (copyreg._reconstructor,
            // _rebuild_from_type_v2, numpy's generator constructors…): every callable argument counts as invoked.
            if (call.Arguments.Items is { } items)
            {
                for (int slot = 0; slot < items.Length; slot++)
                {
                    Value argument = items[slot];
                    GlobalRef? target = argument.Kind == ValueKind.Global ? argument.Global : argument.Call?.ResultGlobal;
                    if (target is not null)
                    {
                        invoked.Add(target.FullName);
                        JudgeInvocation(target, classifier.Assess(target.Module, target.Name), call, InvokeKind.ByAllowedCallable, offset, via: effective);
                    }
                    else if (IsCallableSlot(effective, slot) && argument.Kind is ValueKind.CallResult or ValueKind.Persistent or ValueKind.Unknown or ValueKind.Extension)
                    {
                        // Real pickles put a literal class or function here; a computed one is a call in disguise.
                        findings.Add(RuleCatalog.DynamicResolution, $"{effective} calls or instantiates {argument.Describe()}, a value computed at load time", null, Member, offset);
                    }
                }
            }
        }
    }

    private void InvokeCallResult(CallRecord producer, CallRecord call, InvokeKind kind, long offset)
    {
        if (producer.ResultGlobal is { } target)
        {
            if (producer.IsPlainAttributeLookup)
            {
                // Class.attribute called: judged exactly like the dotted global it is.
                invoked.Add(target.FullName);
                JudgeInvocation(target, classifier.Assess(target.Module, target.Name), call, kind, offset, via: null);
                return;
            }

            findings.Add(
                RuleCatalog.DynamicResolution,
                $"{Verb(kind)} {target.FullName}, obtained at load time from {producer.CalleeName}(…) instead of a literal global",
                target.FullName,
                Member,
                offset);
            invoked.Add(target.FullName);
            context.RecordGlobal(target.FullName);
            JudgeInvocation(target, classifier.Assess(target.Module, target.Name), call, kind, offset, via: producer.CalleeName);
            Evaluate(target.FullName, call);
            return;
        }

        findings.Add(
            RuleCatalog.DynamicResolution,
            $"{Verb(kind)} the result of {producer.CalleeName}(…), a callable computed at load time",
            null,
            Member,
            offset);
    }

    private void JudgeInvocation(GlobalRef global, GlobalAssessment assessment, CallRecord call, InvokeKind kind, long offset, string? via)
    {
        string how = via is null ? Verb(kind) : $"{Verb(kind)} (through {via})";
        string args = kind == InvokeKind.ByAllowedCallable ? string.Empty
            : call.Arguments.Kind == ValueKind.Tuple ? call.Arguments.Describe() : "(…)";
        if (assessment.Disposition == KnowledgeDisposition.Denied || assessment.WalkTarget is not null)
        {
            string target = assessment.WalkTarget ?? global.FullName;
            string category = assessment.Category, source = Source(assessment);
            if (assessment.DangerousMember is not null && assessment.Disposition != KnowledgeDisposition.Denied)
            {
                category = "dangerous-member";
                source = $"'{assessment.DangerousMember}' is a dangerous member name";
            }
            else if (assessment.WalkTarget is not null && assessment.Disposition != KnowledgeDisposition.Denied)
            {
                var reached = WalkTargetMatch(target);
                category = reached.Category;
                source = "denylist entry " + reached.Entry;
            }

            findings.Add(
                RuleCatalog.DangerousCallableInvoked,
                assessment.ByPolicy
                    ? $"{how} {Named(global, assessment)}{args}, which is on the policy's block list"
                    : $"{how} {Named(global, assessment)}{args}, which {Harm(category)} ({source})",
                target,
                Member,
                offset);
            return;
        }

        switch (assessment.Disposition)
        {
            case KnowledgeDisposition.UnlistedKnownNamespace:
                findings.Add(
                    RuleCatalog.UnlistedCallableInvoked,
                    $"{how} {Named(global, assessment)}{args}: the {assessment.Entry} namespace is default-deny and this callable is not on the allowlist",
                    global.FullName,
                    Member,
                    offset);
                break;
            case KnowledgeDisposition.UnknownThirdParty:
                AddUnknown(global, assessment, how);
                break;
        }
    }

    // The walk target is "module.dotted.name" where the module may itself be dotted: find the split that is denied.
    private KnowledgeMatch WalkTargetMatch(string target)
    {
        for (int dot = target.IndexOf('.'); dot > 0; dot = target.IndexOf('.', dot + 1))
        {
            var match = classifier.Knowledge.Classify(target.Substring(0, dot), target.Substring(dot + 1));
            if (match.Disposition == KnowledgeDisposition.Denied)
            {
                return match;
            }
        }

        return classifier.Knowledge.Classify(SplitModule(target), SplitName(target));
    }

    private void AddUnknown(GlobalRef global, GlobalAssessment assessment, string how)
    {
        bool strict = classifier.IsStrict;
        findings.Add(
            RuleCatalog.UnknownGlobal,
            $"{how} {global.FullName} from '{Escape(assessment.Entry)}', a module the scanner has no knowledge of" + (strict ? " (strict policy: treated as dangerous)" : "; review it or allow it in the policy"),
            global.FullName,
            Member,
            global.Offset,
            strict ? Verdict.Dangerous : Verdict.Suspicious);
    }

    // What a few well-known callables return, so a later call through the result is named.
    private void Evaluate(string callee, CallRecord call)
    {
        Value a0 = Argument(call.Arguments, 0);
        Value a1 = Argument(call.Arguments, 1);
        switch (callee)
        {
            case "builtins.getattr":
                if (a1.Text is { } attribute)
                {
                    GlobalRef? owner = a0.Kind == ValueKind.Global ? a0.Global : a0.Call?.ResultGlobal;
                    if (owner is not null)
                    {
                        call.ResultGlobal = owner.IsModule
                            ? new GlobalRef(owner.Module, attribute, GlobalOrigin.Derived, call.Offset)
                            : new GlobalRef(owner.Module, owner.Name + "." + attribute, GlobalOrigin.Derived, call.Offset);

                        // An enum member or constant of an allowed class is data; it is judged only if something calls it.
                        bool memberOfAllowedClass = call.IsPlainAttributeLookup && !owner.IsModule
                            && classifier.Assess(owner.Module, owner.Name).Disposition == KnowledgeDisposition.Allowed
                            && !GlobalClassifier.DangerousMembers.Contains(attribute);
                        if (memberOfAllowedClass)
                        {
                            context.RecordGlobal(call.ResultGlobal.FullName);
                        }
                        else
                        {
                            Reference(call.ResultGlobal);
                        }
                    }
                }

                break;
            case "builtins.__import__":
            case "importlib.import_module":
            case "importlib.__import__":
                if (a0.Text is { } moduleName)
                {
                    call.ResultGlobal = new GlobalRef(moduleName, string.Empty, GlobalOrigin.Derived, call.Offset);
                    context.RecordGlobal(moduleName);
                }

                break;
            case "pkgutil.resolve_name":
                if (a0.Text is { } spec)
                {
                    int colon = spec.IndexOf(':');
                    int dot = spec.LastIndexOf('.');
                    int split = colon >= 0 ? colon : dot;
                    if (split > 0)
                    {
                        call.ResultGlobal = new GlobalRef(spec.Substring(0, split), spec.Substring(split + 1), GlobalOrigin.Derived, call.Offset);
                        Reference(call.ResultGlobal);
                    }
                }

                break;
            case "numpy.core._ufunc_reconstruct":
            case "numpy._core._ufunc_reconstruct":
                if (a0.Text is { } ufuncModule && a1.Text is { } ufuncName)
                {
                    call.ResultGlobal = new GlobalRef(ufuncModule, ufuncName, GlobalOrigin.Derived, call.Offset);
                    Reference(call.ResultGlobal);
                }

                break;
            case "codecs.decode":
            case "_codecs.decode":
            case "codecs.encode":
            case "_codecs.encode":
                if (a0.Text is { } text && a1.Text is { } codec && IsRot13(codec))
                {
                    call.ResultText = Rot13(text);
                }
                else if (callee.EndsWith("encode", StringComparison.Ordinal) && a1.Text is { } encoding && IsLatin1(encoding))
                {
                    call.ResultNested = NestedPayloadInspector.InspectLatin1Text(context, a0, call.Offset);
                }

                break;
            case "builtins.str.join":
                if (a0.Text is { } separator && a1.Kind == ValueKind.Tuple && a1.Items is { } parts)
                {
                    var texts = new List<string>();
                    foreach (var part in parts)
                    {
                        if (part.Text is null)
                        {
                            return;
                        }

                        texts.Add(part.Text);
                    }

                    call.ResultText = string.Join(separator, texts);
                }

                break;
        }
    }

    // getattr(obj, 'name') is how pickle writes bound methods (obj built by the pickle) and enum members or
    // alternate constructors (a class: HTTPStatus.OK, ZoneInfo._unpickle). Harmless in itself when the name is a
    // plain attribute and the owner is not a module or a denied global: what it returns is judged when called.
    private bool IsBoundMethodLookup(string callee, in Value arguments, out string? attribute)
    {
        attribute = null;
        if (callee != "builtins.getattr" || arguments.Items is not { Length: 2 } items)
        {
            return false;
        }

        Value target = items[0];
        attribute = items[1].Text;
        if (attribute is null || !IsPlainIdentifier(attribute))
        {
            return false;
        }

        if ((target.Kind == ValueKind.CallResult && target.Call!.ResultGlobal is null) || target.Kind == ValueKind.Persistent)
        {
            // A bound method is harmless data until something calls it, and the unpickler calls attributes on its own
            // (__setstate__ set by BUILD, append/extend/add, keys() in dict(), a callable key in pandas' setitem):
            // methods that write, delete, execute, load or connect are never waved through.
            return !GlobalClassifier.DangerousMembers.Contains(attribute) && !IsAttributeBag(target);
        }

        if (target.Kind == ValueKind.Global && target.Global is { IsModule: false } owner)
        {
            // A class: an allowlisted one, or (for enums of other packages) one named like a class.
            string last = owner.Name.Substring(owner.Name.LastIndexOf('.') + 1);
            var assessment = classifier.Assess(owner.Module, owner.Name);
            bool classLike = assessment.Disposition == KnowledgeDisposition.Allowed || (last.Length > 0 && char.IsUpper(last[0]));
            return classLike && assessment.Disposition != KnowledgeDisposition.Denied && assessment.Walk is null;
        }

        return false;
    }

    // Objects whose attributes are whatever BUILD put there: a lookup on them launders any value (a module…).
    private static bool IsAttributeBag(in Value target) =>
        ClassOf(target) is "types.SimpleNamespace" or "argparse.Namespace" or "builtins.object" or "builtins.dict"
            or "collections.OrderedDict" or "collections.defaultdict" or "collections.ChainMap" or "collections.UserDict"
            or "builtins.list" or "builtins.tuple" or null;

    // The class an object the pickle built is an instance of: the callee, or what copyreg instantiated.
    private static string? ClassOf(in Value instance)
    {
        if (instance.Call is not { } call || call.Callee.Global is not { } callee)
        {
            return null;
        }

        if (callee.FullName is "copyreg._reconstructor" or "copy_reg._reconstructor" or "copyreg.__newobj__" or "copy_reg.__newobj__")
        {
            return call.Arguments.Items is { Length: > 0 } items ? items[0].Global?.FullName : null;
        }

        return callee.FullName;
    }

    // The argument positions an instantiator calls: the class or function first; copyreg's base and numpy's
    // bit-generator constructor second.
    private static bool IsCallableSlot(string callee, int slot) =>
        slot == 0 || (slot == 1 && callee is "copyreg._reconstructor" or "copy_reg._reconstructor"
            or "numpy.random._pickle.__generator_ctor" or "numpy.random._pickle.__randomstate_ctor");

    private static bool IsDillTypeLookup(string callee, in Value arguments, out string? typeName)
    {
        typeName = null;
        if (callee is not ("dill._dill._load_type" or "dill.dill._load_type") || arguments.Items is not { Length: 1 } items)
        {
            return false;
        }

        typeName = items[0].Text;
        return typeName is not null && IsPlainIdentifier(typeName);
    }

    private void CollectEvidence(in Value arguments)
    {
        if (arguments.Items is not { } items)
        {
            return;
        }

        foreach (var item in items)
        {
            if (item.Text is { } text && IsPrintable(text) && SuspiciousStrings.Match(text) is { } why)
            {
                context.Evidence.Add($"'{(text.Length > 100 ? text.Substring(0, 100) + "…" : text)}' ({why})");
            }
        }
    }

    private string? OperandText(in Value operand, out bool literal)
    {
        literal = false;
        switch (operand.Kind)
        {
            case ValueKind.Str:
                literal = operand.Text is not null;
                return operand.Text;
            case ValueKind.CallResult:
                return operand.Call!.ResultText;
            default:
                return null;
        }
    }

    private static NestedPayload? FirstArgumentNested(in Value arguments)
    {
        Value first = FirstArgument(arguments);
        return first.Ref switch
        {
            DataRange range => range.Nested,
            CallRecord call => call.ResultNested,
            _ => null,
        };
    }

    private static Value FirstArgument(in Value arguments) => Argument(arguments, 0);

    private static Value Argument(in Value arguments, int index) =>
        arguments.Items is { } items && index < items.Length ? items[index] : Value.Unknown;

    private static string CalleeName(in Value callee) => callee.Kind switch
    {
        ValueKind.Global => callee.Global!.FullName,
        ValueKind.CallResult => callee.Call!.ResultGlobal?.FullName ?? "result of " + callee.Call.CalleeName,
        _ => "<" + callee.Kind.ToString().ToLowerInvariant() + ">",
    };

    private static string Named(GlobalRef global, GlobalAssessment assessment)
    {
        string name = global.FullName;
        if (assessment.CompatName is not null && assessment.CompatName != name)
        {
            name += $" (Python 3: {assessment.CompatName})";
        }

        if (assessment.WalkTarget is not null && assessment.WalkTarget != global.FullName)
        {
            name += $" (→ {assessment.WalkTarget})";
        }

        return name;
    }

    private static string Source(GlobalAssessment assessment) =>
        assessment.ByPolicy ? "policy " + assessment.Entry : "denylist entry " + assessment.Entry;

    private static string Verb(InvokeKind kind) => kind switch
    {
        InvokeKind.Reduce => "REDUCE calls",
        InvokeKind.NewObj => "NEWOBJ instantiates",
        InvokeKind.NewObjEx => "NEWOBJ_EX instantiates",
        InvokeKind.Obj => "OBJ instantiates",
        InvokeKind.Inst => "INST instantiates",
        _ => "calls",
    };

    private static string Harm(string category) => category switch
    {
        "code-execution" => "runs arbitrary Python code",
        "process" => "starts processes or runs shell commands",
        "import" => "imports modules by name",
        "file" => "reads, writes or deletes files",
        "network" => "opens network connections",
        "deserializer" => "deserialises another payload (pickle, marshal, YAML, torch/numpy/joblib loaders)",
        "native" => "loads or calls native code",
        "attribute" => "reaches arbitrary attributes of any object",
        "introspection" => "reaches interpreter internals",
        "gadget" => "is a known code-execution gadget",
        "side-effect" => "has side effects when imported or called",
        "policy" => "is on the policy's block list",
        "dangerous-member" => "writes, deletes, executes, loads or connects",
        _ => "is on the denylist",
    };

    private static bool IsPrintable(string text)
    {
        foreach (char c in text)
        {
            if ((c < ' ' && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7f && c < 0xa0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainIdentifier(string text)
    {
        if (text.Length == 0 || text.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRot13(string codec) => codec.Replace("-", "_").Equals("rot_13", StringComparison.OrdinalIgnoreCase) || codec.Equals("rot13", StringComparison.OrdinalIgnoreCase);

    private static bool IsLatin1(string encoding)
    {
        string e = encoding.Replace("_", "-").ToLowerInvariant();
        return e is "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" or "l1" or "cp819" or "8859";
    }

    private static string Rot13(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (c >= 'a' && c <= 'z')
            {
                chars[i] = (char)('a' + ((c - 'a' + 13) % 26));
            }
            else if (c >= 'A' && c <= 'Z')
            {
                chars[i] = (char)('A' + ((c - 'A' + 13) % 26));
            }
        }

        return new string(chars);
    }

    private static string SplitModule(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        return dot < 0 ? fullName : fullName.Substring(0, dot);
    }

    private static string SplitName(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        return dot < 0 ? string.Empty : fullName.Substring(dot + 1);
    }

    private static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c < 32 || c == 127)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c > 127)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
