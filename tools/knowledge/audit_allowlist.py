#!/usr/bin/python3
"""Heuristic load-time audit of the ``[allow ...]`` entries of callables.txt.

    /usr/bin/python3 tools/knowledge/audit_allowlist.py [path/to/callables.txt] [--all] [--verbose]

An allowed global can run code at unpickling time through: being called (REDUCE/INST/OBJ:
``__init__``/``__new__`` or the function body), NEWOBJ (``__new__``), BUILD (``__setstate__``,
or ``__setattr__`` for slot state), SETITEM(S) (``__setitem__``) and APPEND(S)
(``append``/``extend``).  For every allowed entry that resolves in this interpreter the
script walks those Python-level entry points and, transitively (depth 4, same top-level
package or a known ML package), the functions/methods they call, and reports any call of
an obviously dangerous primitive (exec/eval/compile/__import__/open, os/subprocess/pickle/
marshal/importlib/urllib/socket/shutil/tempfile/ctypes functions, getattr/setattr with a
non-literal name).  Cython/C entry points cannot be inspected and are listed as such.  Entry points that call one of
their own parameters are listed separately (the engine must judge such an argument as invoked).
Not detected: callables stored first and called later through an attribute (LambdaLR's lr_lambda,
gaussian_kde's bw_method); those were reviewed by hand.

This found, for example, that every ``scipy.stats`` ``rv_generic`` subclass exec()s the
``_parse_arg_template`` string of its pickled state in ``__setstate__``.  The output is for
human review; it is not a proof of safety.  Exit status is 0 unless the file cannot be read.
"""

import ast
import builtins
import importlib
import inspect
import sys
import textwrap
import types
import warnings
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "src/PickleBuildGuard.Core/Knowledge/callables.txt"
RISKY_BUILTINS = {"exec", "eval", "compile", "__import__", "open", "breakpoint", "input"}
DYNAMIC_ATTR_BUILTINS = {"getattr", "setattr", "delattr"}
RISKY_MODULES = {
    "os", "posix", "nt", "subprocess", "pickle", "_pickle", "marshal", "importlib", "urllib", "http", "socket", "ssl",
    "shutil", "tempfile", "ctypes", "_ctypes", "runpy", "pty", "multiprocessing", "webbrowser", "ftplib", "smtplib",
    "dill", "cloudpickle", "shelve", "pkgutil", "zipimport", "code", "codeop",
}
RISKY_ATTR_CALLS = {"system", "popen", "Popen", "urlopen", "loads", "load", "import_module", "exec_module", "run_path",
                    "run_module", "check_output", "check_call", "spawn", "execv", "execve", "CDLL", "LoadLibrary"}
# calls inside risky modules that only build values (reviewed): not reported
BENIGN_CALLS = {"os.fspath", "os.getenv", "ctypes.byref", "ctypes.sizeof", "ctypes.POINTER", "ctypes.c_char_p", "ctypes.c_int",
                "ctypes.c_void_p", "ctypes.c_uint", "ctypes.c_uint64", "ctypes.c_int64", "ctypes.c_float", "ctypes.c_char",
                "ctypes.c_size_t", "ctypes.create_string_buffer"}
KNOWN_PACKAGES = {"numpy", "scipy", "sklearn", "pandas", "torch", "joblib", "xgboost"}
MAX_DEPTH = 4
VERBOSE = "--verbose" in sys.argv  # also report getattr/setattr with computed names (noisy: numpy _wrapfunc...)
ENTRY_METHODS = ("__new__", "__init__", "__post_init__", "__setstate__", "__setitem__", "append", "extend", "__setattr__")


def parse_allow(path):
    section, entries = "", []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line[1:-1].split()[0]
            continue
        if section == "allow":
            entries.extend(line.split())
    return entries


def resolve(entry):
    parts = entry.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                obj = importlib.import_module(".".join(parts[:cut]))
        except Exception:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for attr in parts[cut:]:
                    obj = getattr(obj, attr)
            return obj
        except Exception:  # AttributeError, or a module __getattr__ refusing (sklearn experimental estimators)
            return None
    return None


def python_function(obj):
    obj = inspect.unwrap(obj) if callable(obj) else obj
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if isinstance(obj, types.MethodType):
        obj = obj.__func__
    return obj if isinstance(obj, types.FunctionType) else None


def entry_points(obj):
    if isinstance(obj, type):
        owner = obj
        for name in ENTRY_METHODS:
            attr = inspect.getattr_static(obj, name, None)
            for klass in obj.__mro__:
                if name in vars(klass):
                    attr = vars(klass)[name]
                    break
            func = python_function(attr)
            if func is not None and getattr(func, "__module__", "") not in ("builtins",):
                yield f"{obj.__name__}.{name}", func, owner
        return
    func = python_function(obj)
    if func is not None:
        yield getattr(obj, "__qualname__", str(obj)), func, None


def top(module_name):
    return (module_name or "").split(".")[0]


class Walker:
    def __init__(self, root_top):
        self.root_top = root_top
        self.seen = set()
        self.findings = []
        self.notes = []

    def may_recurse(self, func):
        module = top(getattr(func, "__module__", ""))
        return module == self.root_top or module in KNOWN_PACKAGES

    def walk(self, label, func, owner, depth, chain):
        key = (func, owner)
        if key in self.seen or depth > MAX_DEPTH:
            return
        self.seen.add(key)
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        except Exception:
            return
        glb = getattr(func, "__globals__", {})
        here = chain + [label]
        if depth == 0:  # entry point: does it call one of its own parameters?
            params = set()
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.Lambda)) and hasattr(node, "args"):
                    a = node.args
                    params |= {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs} - {"self", "cls"}
                    break
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in params:
                    self.notes.append(" -> ".join(here) + f": calls its parameter {node.func.id!r}")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func
            if isinstance(callee, ast.Name):
                name = callee.id
                target = glb.get(name, getattr(builtins, name, None))
                if target is getattr(builtins, name, object()) and name in RISKY_BUILTINS:
                    self.findings.append(" -> ".join(here) + f": calls {name}()")
                    continue
                if (VERBOSE and name in DYNAMIC_ATTR_BUILTINS and len(node.args) >= 2
                        and not isinstance(node.args[1], ast.Constant)):
                    self.findings.append(" -> ".join(here) + f": {name}() with a computed attribute name")
                    continue
                self.follow(name, target, None, depth, here)
            elif isinstance(callee, ast.Attribute):
                base = callee.value
                attr = callee.attr
                if isinstance(base, ast.Name) and base.id in ("self", "cls") and owner is not None:
                    target = None
                    for klass in owner.__mro__:
                        if attr in vars(klass):
                            target = vars(klass)[attr]
                            break
                    self.follow(f"{owner.__name__}.{attr}", target, owner, depth, here)
                elif isinstance(base, ast.Name) and isinstance(glb.get(base.id), types.ModuleType):
                    module = glb[base.id]
                    mod_name = module.__name__
                    if f"{mod_name}.{attr}" in BENIGN_CALLS:
                        continue
                    if top(mod_name) in RISKY_MODULES and not mod_name.startswith(("os.path", "posixpath", "ntpath")):
                        self.findings.append(" -> ".join(here) + f": calls {mod_name}.{attr}()")
                        continue
                    self.follow(f"{mod_name}.{attr}", getattr(module, attr, None), None, depth, here)
                elif attr in RISKY_ATTR_CALLS:
                    self.findings.append(" -> ".join(here) + f": calls <expr>.{attr}() (check the receiver)")

    def follow(self, label, target, owner, depth, chain):
        if target is None:
            return
        if isinstance(target, type):
            for sub_label, func, sub_owner in entry_points(target):
                if sub_label.endswith(("__init__", "__new__", "__post_init__")) and self.may_recurse(func):
                    self.walk(sub_label, func, sub_owner, depth + 1, chain)
            return
        func = python_function(target)
        if func is not None and self.may_recurse(func):
            self.walk(label, func, owner, depth + 1, chain)


def main():
    warnings.simplefilter("ignore")
    try:  # make the experimental estimators resolvable
        importlib.import_module("sklearn.experimental.enable_iterative_imputer")
        importlib.import_module("sklearn.experimental.enable_halving_search_cv")
    except Exception:
        pass
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_all = "--all" in sys.argv
    path = Path(args[0]) if args else DEFAULT_FILE
    entries = parse_allow(path)
    unresolved, native, clean, flagged, notes = [], [], [], [], []
    for entry in entries:
        obj = resolve(entry)
        if obj is None:
            unresolved.append(entry)
            continue
        points = list(entry_points(obj))
        if not points:
            native.append(entry)
            continue
        walker = Walker(top(entry))
        for label, func, owner in points:
            walker.walk(label, func, owner, 0, [entry])
        (flagged if walker.findings else clean).append((entry, sorted(set(walker.findings))))
        notes.extend(sorted(set(walker.notes)))
    print(f"# {len(entries)} allow entries: {len(flagged)} flagged, {len(clean)} clean (Python), "
          f"{len(native)} without Python entry points (C/Cython/objects), {len(unresolved)} not resolvable here")
    for entry, findings in flagged:
        print(f"\nFLAG {entry}")
        for finding in findings:
            print(f"    {finding}")
    if notes:
        print("\n# entry points that call one of their arguments (the argument is a global the engine must judge as invoked):")
        print("\n".join(f"    {n}" for n in notes))
    if show_all:
        print("\n# not resolvable in this interpreter (other library versions):")
        print("\n".join(f"    {e}" for e in unresolved))
        print("\n# no Python entry points:")
        print("\n".join(f"    {e}" for e in native))


if __name__ == "__main__":
    main()
