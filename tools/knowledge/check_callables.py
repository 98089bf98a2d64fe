#!/usr/bin/env python3
"""Validate src/PickleBuildGuard.Core/Knowledge/callables.txt.

    python3 tools/knowledge/check_callables.py [--file callables.txt] [--observed ml_globals_observed.txt]
                                               [--peers /work/shared/research/globals.md] [--verbose]

Checks (exit status 1 if any check fails):
  * the file parses with the rules of CallableKnowledge.Parse (sections, `[deny CAT]`/`[allow GROUP]` need an
    argument, deny/allow/instantiates entries are `module.name` with a dot not at position 0, no `*` in allow,
    compat lines have exactly two tokens, nothing outside a known section); deny categories are the known ones;
  * no allowed entry is also denied exactly (an exact allow overrides a denied `module.*` prefix in the engine,
    an exact deny wins over everything);
  * every [instantiates] entry is allowed; no token is listed twice in conflicting sections;
  * [namespaces] holds every sys.stdlib_module_names entry (when run on Python >= 3.10), `__builtins__`, the
    Python 2 names used by the compat sections, and the ML libraries; every allowed entry whose top-level module
    is a stdlib or ML module has its top-level module in [namespaces];
  * [compat-module]/[compat-name] equal this interpreter's _compat_pickle IMPORT_MAPPING / NAME_MAPPING;
  * every gadget of the bypass catalogue (PEERS.md §1.5 and §6 item 8) classifies as denied;
  * every global in ml_globals_observed.txt is allowed, denied, or listed in DELIBERATELY_NOT_ALLOWED;
  * with sklearn importable: every sklearn.utils.all_estimators() class is allowed under its pickled name;
  * with --peers: every dangerous entry of the peers' lists is denied, or its narrowing is explained in
    PEER_NARROWED (module-wide peer entries whose module also holds allowed data types).
Prints the counts used in reports.
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILE = HERE.parents[1] / "src/PickleBuildGuard.Core/Knowledge/callables.txt"
DEFAULT_OBSERVED = HERE / "ml_globals_observed.txt"
DEFAULT_PEERS = Path("/work/shared/research/globals.md")
CATEGORIES = {"code-execution", "process", "import", "file", "network", "deserializer", "native", "attribute",
              "introspection", "gadget", "side-effect"}
ML_LIBRARIES = {"torch", "numpy", "scipy", "pandas", "sklearn", "joblib", "xgboost", "dill", "cloudpickle"}

# Observed globals that are deliberately neither allowed nor denied (left to the default policy).
DELIBERATELY_NOT_ALLOWED = {
    "builtins.type": "type(name, bases, dict) creates classes (runs __init_subclass__/metaclass hooks); only seen for type(None)",
    "builtins.len": "only from our own test object (a builtin function reference), not an ML data type",
    "builtins.max": "only inside functools.partial in our own test object; calls the argument's comparison methods",
    "__builtin__.type": "as builtins.type (protocol 0-2 spelling)",
    "enum.Flag": "only from the collector's own test (a class reference); the functional API creates new classes",
    "__builtin__.len": "as builtins.len (protocol 0-2 spelling)",
    "__builtin__.max": "as builtins.max (protocol 0-2 spelling)",
    "_operator.or_": "enum.Flag combinations under Python 3.11; calls __or__ of attacker objects, rare in models",
    "__main__.SubTensor": "a tensor subclass defined by the collector itself; __main__ is third-party by design",
    "torch.ScriptObject": "TorchScript custom-class objects (quantized packed params); JIT machinery, aborts the process on bad input",
    "torch._C._VariableFunctionsClass": "only reachable through builtins.getattr(cls, 'tanh') (torch.tanh & co.)",
    "dateutil.tz.tz.tzfile": "tzfile(path) opens and parses an arbitrary file",
    "scipy.spatial._qhull.Delaunay": "qhull_options 'TI <path>' makes Qhull open an arbitrary file",
    "scipy.spatial._qhull.ConvexHull": "qhull_options 'TI <path>' makes Qhull open an arbitrary file",
    "scipy.stats._kde.gaussian_kde": "gaussian_kde(data, bw_method) calls a callable bw_method at construction",
}
# Observed globals that are denied on purpose (the category comes from callables.txt).
EXPECTED_DENIED = {
    "builtins.getattr": "bound methods, enum members and zoneinfo under Python 3.11 are pickled through getattr",
    "__builtin__.getattr": "same, protocol 0-2 spelling",
    "functools.partial": "calls the wrapped callable",
    "operator.itemgetter": "attribute/item fetch gadget",
    "numpy.vectorize": "calls its argument (seen inside scipy.stats distributions)",
    "torch.storage._load_from_bytes": "nested torch.load of pickle.dumps'ed storages (engine handles it specially)",
    "scipy.stats._continuous_distns.norm_gen": "rv_generic.__setstate__ exec()s the pickled _parse_arg_template",
    "scipy.stats._continuous_distns.rv_histogram": "rv_generic.__setstate__ exec()s the pickled _parse_arg_template",
    "scipy.stats._discrete_distns.poisson_gen": "rv_generic.__setstate__ exec()s the pickled _parse_arg_template",
    "scipy.stats._distn_infrastructure.rv_continuous_frozen": "holds an rv_generic distribution (exec in __setstate__)",
    "scipy.stats._distn_infrastructure.rv_discrete_frozen": "holds an rv_generic distribution (exec in __setstate__)",
}

# Bypass catalogue (shared/research/PEERS.md §1.5 table, §6 item 8) as (module, name) pairs: all must be denied.
REQUIRED_DENIED = [
    ("posix", "system"), ("nt", "system"), ("os", "system"), ("builtins", "eval"), ("builtins", "exec"),
    ("__builtin__", "eval"), ("builtins", "__import__"), ("builtins", "vars"), ("builtins", "dict.get"),
    ("builtins", "getattr"), ("builtins", "setattr"), ("builtins", "globals"), ("builtins", "compile"),
    ("builtins", "open"), ("builtins", "breakpoint"), ("builtins", "apply"), ("builtins", "execfile"),
    ("pip", "main"), ("pip._internal.cli.main", "main"), ("multiprocessing.util", "spawnv_passfds"),
    ("_posixsubprocess", "fork_exec"), ("uuid", "_get_command_stdout"), ("imaplib", "IMAP4_stream"),
    ("asyncio.unix_events", "_UnixSubprocessTransport._start"), ("pkgutil", "resolve_name"),
    ("importlib", "import_module"), ("pydoc", "locate"), ("pydoc", "pipepager"), ("timeit", "timeit"),
    ("cProfile", "run"), ("cProfile", "runctx"), ("profile", "run"), ("profile", "Profile.run"),
    ("profile", "Profile.runctx"), ("trace", "Trace.run"), ("trace", "Trace.runctx"), ("doctest", "debug_script"),
    ("code", "InteractiveInterpreter.runcode"), ("idlelib.autocomplete", "AutoComplete.fetch_completions"),
    ("idlelib.autocomplete", "AutoComplete.get_entity"), ("idlelib.calltip", "Calltip.fetch_tip"),
    ("idlelib.calltip", "get_entity"), ("idlelib.debugobj", "ObjectTreeItem.SetText"),
    ("idlelib.pyshell", "ModifiedInterpreter.runcode"), ("idlelib.pyshell", "ModifiedInterpreter.runcommand"),
    ("idlelib.run", "Executive.runcode"), ("lib2to3.pgen2.grammar", "Grammar.loads"),
    ("lib2to3.pgen2.pgen", "ParserGenerator.make_label"), ("ensurepip", "_run_pip"), ("venv", "create"),
    ("ctypes", "CDLL"), ("marshal", "loads"), ("types", "FunctionType"), ("types", "CodeType"),
    ("cloudpickle.cloudpickle", "_make_function"), ("cloudpickle", "_make_function"),
    ("logging.config", "dictConfig"), ("logging.config", "listen"), ("logging", "FileHandler"), ("_io", "FileIO"),
    ("io", "FileIO"), ("urllib.request", "urlopen"), ("ssl", "get_server_certificate"), ("torch", "load"),
    ("torch.serialization", "load"), ("torch.storage", "_load_from_bytes"), ("joblib", "load"), ("numpy", "load"),
    ("pickle", "loads"), ("_pickle", "loads"), ("torch.utils.collect_env", "run"),
    ("torch.utils.collect_env", "run_and_read_all"), ("torch.utils.bottleneck.__main__", "run_cprofile"),
    ("torch.utils.bottleneck.__main__", "run_autograd_prof"), ("torch._dynamo.guards", "GuardBuilder.get"),
    ("torch.fx.experimental.symbolic_shapes", "ShapeEnv.evaluate_guards_expression"),
    ("torch._inductor.codecache", "compile_file"), ("torch.jit.unsupported_tensor_ops", "execWrapper"),
    ("torch.utils._config_module", "ConfigModule.load_config"),
    ("torch.utils.data.datapipes.utils.decoder", "basichandlers"), ("numpy.f2py.crackfortran", "getlincoef"),
    ("numpy.testing._private.utils", "runstring"), ("mlflow.projects.backend.local", "_run_entry_point"),
    ("pandas", "read_csv"), ("pandas.io.parsers.readers", "read_csv"), ("runpy", "_run_code"), ("pty", "spawn"),
    ("distutils.file_util", "write_file"), ("operator", "methodcaller"), ("operator", "attrgetter"),
    ("_operator", "attrgetter"), ("_osx_support", "_read_output"), ("_aix_support", "_read_cmd_output"),
    ("_pyrepl.pager", "pipe_pager"), ("test.support.script_helper", "assert_python_ok"), ("functools", "partial"),
    ("codecs", "decode"), ("subprocess", "Popen"), ("subprocess", "run"), ("commands", "getoutput"),
    ("socket", "create_connection"), ("http.client", "HTTPSConnection"), ("requests.api", "get"),
    ("aiohttp.client", "ClientSession"), ("sys", "exit"), ("bdb", "Bdb.run"), ("webbrowser", "open"),
    ("_xxsubinterpreters", "run_string"), ("_interpreters", "run_string"), ("scipy.stats._continuous_distns", "norm_gen"),
]

# Peer module-wide denials we narrow to exact names, because the module also holds data types we allow.
PEER_NARROWED = {
    "builtins": "data-type constructors (set, bytearray, ...) are allowed; dangerous builtins are denied by name",
    "__builtin__": "as builtins (Python 2 spelling)",
    "__builtins__": "as builtins",
    "functools": "partial/reduce/cache/... denied by name; the rest is default-deny",
    "_functools": "partial/reduce/cmp_to_key denied by name",
    "operator": "attrgetter/itemgetter/methodcaller/getitem/setitem/delitem/call denied; arithmetic left to default-deny",
    "_operator": "as operator",
    "types": "SimpleNamespace is allowed; CodeType/FunctionType/MethodType/... denied by name",
    "uuid": "uuid.UUID is allowed; the command-running helpers are denied by name",
    "logging": "FileHandler/StreamHandler/basicConfig/Logger.* denied; logging.config.* and logging.handlers.* wildcards",
    "joblib": "joblib.numpy_pickle.NumpyArrayWrapper is in every joblib file; load/dump/Parallel/Memory/... denied",
    "torch.serialization": "torch.serialization._get_layout rebuilds layouts; load/save/_open_* denied by name",
    "joblib.numpy_pickle": "NumpyArrayWrapper is allowed; load/_unpickle/NumpyUnpickler/NDArrayWrapper/... denied",
    "codecs": "decode/encode/open/register denied; _codecs.encode (bytes at protocols 0-2) is allowed",
    "re": "re._compile is allowed; re.sub/subn (callable replacement) denied",
    "collections": "containers are allowed (collections.eval denied, as modelaudit)",
    "http": "http.HTTPStatus (an enum) is allowed; http.client/http.server/http.cookiejar are denied as wildcards",
    "urllib": "urllib.parse result tuples are allowed; urllib.request/response/robotparser are denied as wildcards",
    "copyreg": "_reconstructor/__newobj__ allowed; add_extension/remove_extension/pickle denied",
    "numpy": "only the dangerous numpy names are denied",
    "numpy.core.multiarray": "_reconstruct/scalar allowed",
    "numpy._core.multiarray": "_reconstruct/scalar allowed",
    "pathlib": "path classes are allowed; filesystem methods denied by name",
    "pathlib._local": "as pathlib",
    "argparse": "Namespace allowed; FileType denied",
    "typing": "special forms allowed; get_type_hints/_eval_type/ForwardRef._evaluate denied",
    "datetime": "data types",
    "decimal": "Decimal allowed; setcontext denied",
    "zoneinfo": "ZoneInfo validates keys against TZPATH",
    "torch": "only the dangerous torch names/submodules are denied",
    "inspect": "denied (wildcard)",
    "platform": "popen/_syscmd_*/system denied; the rest is default-deny",
    "itertools": "the callable-consuming functions are denied; the rest is default-deny",
    "contextlib": "ExitStack & methods denied",
    "string": "Formatter attribute walkers denied",
    "weakref": "ref/proxy/finalize/WeakMethod denied",
    "base64": "b64decode/b64encode/decode denied",
    "warnings": "filterwarnings/simplefilter/resetwarnings denied",
    "csv": "DictWriter.writerow(s) denied",
    "configparser": "read/write denied",
    "mailbox": "denied (wildcard)",
    "pipes": "denied (wildcard)",
    "sched": "denied (wildcard)",
    "dataclasses": "_create_fn/make_dataclass/dataclass denied",
    "unittest": "denied (wildcard)",
    "io": "FileIO/open/open_code and write methods denied",
    "gc": "denied (wildcard)",
    "difflib": "fickling lists it; no code execution or I/O in difflib: default-deny only",
    "resource": "denied (wildcard)",
    "yaml": "unsafe loaders denied; SafeLoader & co are not dangerous",
    "aifc": "open denied", "sunau": "open denied", "wave": "open denied", "bz2": "open/BZ2File denied",
    "gzip": "open/GzipFile denied", "lzma": "open/LZMAFile denied", "dbm": "denied (wildcard)",
    "concurrent.futures": "denied (concurrent.*)", "contextvars": "Context.run denied", "atexit": "denied (wildcard)",
    "faulthandler": "denied (wildcard)", "tempfile": "denied (wildcard)", "mailcap": "denied (wildcard)",
    "sys": "denied (wildcard)", "glob": "denied (wildcard)", "linecache": "denied (wildcard)",
    "compile": "fickling matches name components; builtins.compile is denied",
    "eval": "fickling matches name components; builtins.eval is denied",
    "exec": "fickling matches name components; builtins.exec is denied",
    "numpy.random._pickle": "numpy random state rebuild helpers",
    "_sitebuiltins": "exit/quit/help objects of builtins: denied through builtins.exit/quit/help",
}


def split_lines(text):
    return re.split(r"\r\n|\r|\n", text)


class Knowledge:
    def __init__(self):
        self.denied_exact, self.denied_modules = {}, {}
        self.allowed, self.instantiates, self.namespaces = {}, set(), set()
        self.compat_modules, self.compat_names = {}, {}
        self.errors, self.warnings = [], []
        self.deny_count = 0


def parse(text):
    """Mirror of CallableKnowledge.Parse (raises ValueError on the first format error)."""
    k = Knowledge()
    section = argument = ""
    for number, raw in enumerate(split_lines(text), 1):
        hash_at = raw.find("#")
        line = (raw[:hash_at] if hash_at >= 0 else raw).strip()
        if not line:
            continue
        if line[0] == "[":
            if line[-1] != "]":
                raise ValueError(f"line {number}: unterminated section header")
            header = [t for t in line[1:-1].split(" ") if t]
            section = header[0] if header else ""
            argument = header[1] if len(header) > 1 else ""
            if section in ("deny", "allow") and not argument:
                raise ValueError(f"line {number}: [{section}] needs a category")
            if section == "deny" and argument not in CATEGORIES:
                k.errors.append(f"line {number}: unknown deny category {argument!r}")
            if section not in ("deny", "allow", "instantiates", "namespaces", "compat-module", "compat-name"):
                k.errors.append(f"line {number}: unknown section [{section}] (entries under it would be rejected)")
            continue
        tokens = [t for t in re.split(r"[ \t]+", line) if t]

        def require_dotted(token):
            if token.find(".") <= 0:
                raise ValueError(f"line {number}: {token!r} is not module.name")

        if section == "deny":
            for token in tokens:
                k.deny_count += 1
                if token.endswith(".*"):
                    key, table = token[:-2], k.denied_modules
                else:
                    require_dotted(token)
                    key, table = token, k.denied_exact
                if key in table and table[key] != argument:
                    k.errors.append(f"line {number}: {token} denied twice with categories {table[key]} and {argument}")
                elif key in table:
                    k.warnings.append(f"line {number}: {token} listed twice in [deny {argument}]")
                table[key] = argument
        elif section == "allow":
            for token in tokens:
                require_dotted(token)
                if "*" in token:
                    raise ValueError(f"line {number}: allow entries are exact names, {token!r} is a wildcard")
                if token in k.allowed:
                    k.warnings.append(f"line {number}: {token} allowed twice ({k.allowed[token]}, {argument})")
                k.allowed[token] = argument
        elif section == "instantiates":
            for token in tokens:
                require_dotted(token)
                k.instantiates.add(token)
        elif section == "namespaces":
            k.namespaces.update(tokens)
        elif section in ("compat-module", "compat-name"):
            if len(tokens) != 2:
                raise ValueError(f"line {number}: expected 'old new'")
            (k.compat_modules if section == "compat-module" else k.compat_names)[tokens[0]] = tokens[1]
        else:
            raise ValueError(f"line {number}: entry outside a known section")
    return k


def classify(k, module, name):
    """Mirror of CallableKnowledge.Classify: ('denied', cat) / ('allowed', '') / ('namespace', top) / ('unknown', top)."""
    full = f"{module}.{name}"
    if full in k.denied_exact:
        return "denied", k.denied_exact[full]
    if full in k.allowed:
        return "allowed", ""
    prefix = module
    while prefix:
        if prefix in k.denied_modules:
            return "denied", k.denied_modules[prefix]
        prefix = prefix.rpartition(".")[0]
    top = module.split(".")[0]
    return ("namespace" if top in k.namespaces else "unknown"), top


def denied_any_split(k, full):
    """Denied for at least one (module, name) split of a dotted full name (conservative)."""
    if full in k.denied_exact:
        return k.denied_exact[full]
    parts = full.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in k.denied_modules:
            return k.denied_modules[prefix]
    return None


def peer_entries(path):
    """(module, name-or-*) pairs from the dangerous tables/lists of shared/research/globals.md."""
    text = path.read_text(encoding="utf-8")
    entries = set()
    dangerous_heads = ("Dangerous", "CRITICAL", "HIGH", "UNSAFE_IMPORTS", "UNSAFE_MODULES", "ALWAYS_DANGEROUS",
                       "SUSPICIOUS_GLOBALS", "DANGEROUS_BUILTINS", "BUILTIN_DANGEROUS_NAMES", "Warning globals",
                       "DANGEROUS_WILDCARD_MODULES", "DANGEROUS_GLOBALS", "SCANNER_MODULES", "OVERTLY_BAD_CALL_PREFIXES",
                       "BAD_CALLS")
    current = None
    for line in text.splitlines():
        if line.startswith("#### "):
            head = line[5:]
            current = head if any(h in head for h in dangerous_heads) and "SAFE" not in head.replace("UNSAFE", "") else None
            continue
        if line.startswith("## "):
            current = None
            continue
        if current is None:
            continue
        ticks = re.findall(r"`([^`]+)`", line)
        if current.startswith("Warning globals"):
            for module, names in re.findall(r"`([^`]+)`: ((?:`[^`]+`(?:, )?)+|any name)", line):
                for name in re.findall(r"`([^`]+)`", names) or ["*"]:
                    entries.add((module, name))
            continue
        if line.startswith("|") and ticks:
            cells = [c.strip() for c in line.strip("|").split("|")]
            modules = re.findall(r"`([^`]+)`", cells[0])
            names = re.findall(r"`([^`]+)`", cells[1]) if len(cells) > 1 else []
            if "(any name)" in line:
                names = ["*"]
            for module in modules:
                for name in names or ["*"]:
                    entries.add((module, name))
        elif ticks and not line.startswith("("):
            for token in ticks:
                if "BUILTIN" in current or current.startswith("DANGEROUS_BUILTINS"):
                    entries.add(("builtins", token))
                elif "FUNCTIONS" in current:
                    module, _, name = token.rpartition(".")
                    entries.add((module or "builtins", name))
                elif "BAD_CALL" in current:
                    entries.add(("builtins", token.rstrip("(")))
                else:
                    entries.add((token, "*"))
    return entries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--observed", type=Path, default=DEFAULT_OBSERVED)
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS if DEFAULT_PEERS.exists() else None)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    failures = []

    try:
        k = parse(options.file.read_text(encoding="utf-8"))
    except ValueError as exc:
        print(f"FAIL parse: {exc}")
        return 1
    failures += k.errors
    for warning in k.warnings:
        print(f"warning: {warning}")

    # allow/deny overlap
    for name in sorted(k.allowed):
        if name in k.denied_exact:
            failures.append(f"allowed entry {name} is also denied exactly ({k.denied_exact[name]})")
    for name in sorted(k.instantiates - set(k.allowed)):
        failures.append(f"[instantiates] {name} is not allowed")

    # namespaces
    stdlib = set(getattr(sys, "stdlib_module_names", ()))
    missing = sorted((stdlib | ML_LIBRARIES | {"__builtins__", "__builtin__", "copy_reg"}) - k.namespaces)
    if missing:
        failures.append(f"[namespaces] lacks: {' '.join(missing)}")
    py2_tops = {old.split(".")[0] for old in list(k.compat_modules) + list(k.compat_names)}
    missing = sorted(py2_tops - k.namespaces)
    if missing:
        failures.append(f"[namespaces] lacks Python 2 names used by the compat sections: {' '.join(missing)}")
    for name in sorted(k.allowed):
        top = name.split(".")[0]
        if (top in stdlib or top in ML_LIBRARIES) and top not in k.namespaces:
            failures.append(f"allowed {name}: top-level module {top} not in [namespaces]")

    # compat against this interpreter's _compat_pickle
    try:
        import _compat_pickle as cp
        expected_modules = dict(cp.IMPORT_MAPPING)
        expected_names = {f"{a}.{b}": f"{c}.{d}" for (a, b), (c, d) in cp.NAME_MAPPING.items()}
        expected_names.setdefault("exceptions.WindowsError", "builtins.WindowsError")  # Windows-only entry
        if k.compat_modules != expected_modules:
            failures.append(f"[compat-module] differs from _compat_pickle.IMPORT_MAPPING: "
                            f"{sorted(set(k.compat_modules.items()) ^ set(expected_modules.items()))}")
        if k.compat_names != expected_names:
            failures.append(f"[compat-name] differs from _compat_pickle.NAME_MAPPING: "
                            f"{sorted(set(k.compat_names.items()) ^ set(expected_names.items()))}")
    except ImportError:
        print("warning: _compat_pickle not importable, compat sections not compared")

    # bypass catalogue
    for module, name in REQUIRED_DENIED:
        verdict, _ = classify(k, module, name)
        # An allowed [instantiates] entry is safe only because the engine judges what it is given as invoked
        # (functools.partial(os.system, …) is a call of os.system).
        if verdict != "denied" and not (verdict == "allowed" and f"{module}.{name}" in k.instantiates):
            failures.append(f"bypass gadget {module}.{name} is {verdict}, not denied")

    # observed globals
    observed_denied, observed_unlisted = [], []
    if options.observed and options.observed.exists():
        observed = [line.split("\t")[0] for line in options.observed.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.startswith("#")]
        for name in observed:
            if name in k.allowed:
                continue
            category = denied_any_split(k, name)
            if category:
                observed_denied.append((name, category))
                if name not in EXPECTED_DENIED:
                    failures.append(f"observed {name} is denied ({category}) but not in EXPECTED_DENIED")
            elif name in DELIBERATELY_NOT_ALLOWED:
                observed_unlisted.append(name)
            else:
                failures.append(f"observed {name} is neither allowed, denied nor in DELIBERATELY_NOT_ALLOWED")
        print(f"observed globals: {len(observed)} ({len(observed) - len(observed_denied) - len(observed_unlisted)} allowed, "
              f"{len(observed_denied)} denied, {len(observed_unlisted)} deliberately left to the default policy)")
        for name, category in observed_denied:
            print(f"  denied  {name} [{category}]: {EXPECTED_DENIED.get(name, '?')}")
        for name in observed_unlisted:
            print(f"  default {name}: {DELIBERATELY_NOT_ALLOWED[name]}")

    # sklearn estimators
    try:
        import warnings
        warnings.simplefilter("ignore")
        from sklearn.experimental import enable_halving_search_cv, enable_iterative_imputer  # noqa: F401
        from sklearn.utils import all_estimators
        estimators = all_estimators()
        for _, est in estimators:
            name = f"{est.__module__}.{est.__qualname__}"
            if name not in k.allowed:
                failures.append(f"sklearn estimator {name} is not allowed")
        print(f"sklearn: all {len(estimators)} estimators of all_estimators() checked")
    except ImportError:
        print("note: sklearn not importable, estimator coverage not checked")

    # peers
    if options.peers and options.peers.exists():
        narrowed, missed = set(), []
        for module, name in sorted(peer_entries(options.peers)):
            if name == "*":
                denied = (module in k.denied_modules or module in k.denied_exact
                          or denied_any_split(k, module + ".x") is not None)
                if not denied:
                    if module in PEER_NARROWED:
                        narrowed.add(module)
                    else:
                        missed.append(f"{module}.*")
                continue
            verdict, _ = classify(k, module, name)
            if verdict != "denied":
                # peers list some names whose module part is itself dotted (ShapeEnv, GuardBuilder ...)
                if denied_any_split(k, f"{module}.{name}"):
                    continue
                if module in PEER_NARROWED:
                    narrowed.add(module)
                    if options.verbose:
                        print(f"  peer {module}.{name} not denied: {PEER_NARROWED.get(module, '')}")
                    continue
                missed.append(f"{module}.{name}")
        for entry in missed:
            failures.append(f"peer dangerous entry {entry} is not denied and not explained in PEER_NARROWED")
        print(f"peers: {len(peer_entries(options.peers))} dangerous entries compared; module-wide entries narrowed "
              f"on purpose: {' '.join(sorted(narrowed))}")

    print(f"deny entries: {k.deny_count} tokens ({len(k.denied_exact)} exact + {len(k.denied_modules)} module wildcards), "
          f"categories: {', '.join(f'{c}={n}' for c, n in sorted(count_by(k).items()))}")
    groups = defaultdict(int)
    for group in k.allowed.values():
        groups[group] += 1
    print(f"allow entries: {len(k.allowed)} ({', '.join(f'{g}={n}' for g, n in groups.items())})")
    print(f"instantiates: {len(k.instantiates)}; namespaces: {len(k.namespaces)}; "
          f"compat-module: {len(k.compat_modules)}; compat-name: {len(k.compat_names)}")
    for failure in failures:
        print(f"FAIL {failure}")
    print("OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


def count_by(k):
    counts = defaultdict(int)
    for category in list(k.denied_exact.values()) + list(k.denied_modules.values()):
        counts[category] += 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
