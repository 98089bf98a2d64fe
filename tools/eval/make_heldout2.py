#!/usr/bin/env python3
"""Second, independent held-out corpus for PickleBuildGuard (bare pickle streams only).

Usage:  /usr/bin/python3 tools/eval/make_heldout2.py OUT_DIR [--prove]

Writes OUT/malicious/*.pkl, OUT/benign/*.pkl and OUT/labels.tsv (path, label, technique, description), the same
layout as make_heldout.py (scored by run_eval.py / run_eval2.sh). Round 1's cases are not repeated.

Malicious samples are assembled opcode by opcode (helpers imported from make_heldout.py) and never loaded with
their corpus payload. Payloads are harmless: `touch /tmp/pbg_eval2_<name>` or Python code creating that file.

--prove  additionally writes OUT/proof/<name>.pkl, the same sample with its payload pointed at
         OUT/proof/hits/<name> (still only `touch`), loads each one with pickle.load in a throw-away subprocess
         (cwd OUT/proof/cwd, timeout 90 s) and records in OUT/proof.tsv whether the payload ran. A sample whose
         technique needs the network only tries 127.0.0.1:9 and counts as proven on "Connection refused".

Techniques (malicious):
  forwarder-*        an allowlisted rebuild helper calls a callable held as a computed value (CallResult) that the
                     engine never judges: torch._tensor._rebuild_from_type_v2(f, torch.Tensor, args, None) is f(*args);
                     dill._dill._create_array(f, args, ..) is f(*args); pandas _new_IntervalIndex(ns, kw) is
                     ns.from_arrays(**kw); numpy __generator_ctor/__randomstate_ctor(a, f) is f(a);
                     copyreg._reconstructor(a, ns, b) is ns.__new__(a, b); BUILD/APPEND/ADDITEMS on a namespace;
                     torch._utils._rebuild_parameter(ns, a, None) calls ns.detach().requires_grad_(a).
  modalias-*         a dangerous module reached as a one-segment attribute of an innocuous module
                     (GLOBAL pandas._config.localization subprocess), laundered through a SimpleNamespace attribute,
                     then a function of it whose name is not in ContentAnalyzer.DangerousMethodNames.
  unlisted-exec-*    standard-library / scipy code that exec()s or eval()s attacker text, referenced but never
                     REDUCEd (dataclasses._cmp_fn/_hash_fn, typing.ForwardRef._evaluate, scipy rv_generic.__setstate__).
  unlisted-write-*   file writes through unlisted callables (numpy <subclass>.tofile, DataFrame.to_string,
                     wave/aifc/sunau writers, torch storage from_file + copy_, xgboost Booster.dump_model), and
                     write-then-import chains (warnings._getcategory imports the dropped module).
  launder-build-*    BUILD on a module or a module-level object obtained through a namespace attribute, so the
                     state-on-global rule does not see a global (rebinds allowlisted names, sys.modules hijack,
                     scipy distribution __setstate__ exec).
  thirdparty-*       installed third-party packages that re-export or implement a primitive under a name the
                     denylist does not have (six.moves.getoutput, dateutil.zoneinfo.rebuild.check_output,
                     mpmath.ctx_mp_python.exec_, decorator.FunctionMaker.create, ...): "unknown global" = suspicious.
  default-deny-silent-*  harmless-but-unlisted process spawns invoked silently (soft, reported apart).
"""
import collections
import datetime
import decimal
import enum
import fractions
import io
import os
import pickle
import random
import shutil
import struct
import subprocess
import sys
import types
import warnings

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_heldout import (u, su, sg, g, call, d, lst, embed, sbb, bi, binput, binget, P2, P4, P5, MARK, TUPLE, T1, T2,  # noqa: E402
                          T3, ET, REDUCE, BUILD, STOP, POP, POP_MARK, DUP, NONE, EMPTY_DICT, EMPTY_LIST, EMPTY_SET, SETITEM,
                          APPEND, APPENDS, ADDITEMS, NEWOBJ, NEWOBJ_EX, MEMOIZE)

OUT = None
LABELS = []
PROOF_ROWS = []
CORPUS_BASE = "/tmp/pbg_eval2_"


# ----------------------------------------------------------------------------------------------------------
# payloads
# ----------------------------------------------------------------------------------------------------------
class Pay:
    """Where a sample's harmless payload points: the corpus file or the proof directory."""

    def __init__(self, name, base):
        self.name = name
        self.path = base + name

    @property
    def cmd(self):
        return "touch " + self.path

    @property
    def code(self):
        return "open(%r,'w').close()" % self.path

    @property
    def argv(self):
        return lst(u("sh"), u("-c"), u(self.cmd))

    @property
    def modname(self):
        return "pbg_eval2_mod_" + self.name

    @property
    def modsource(self):
        return "%s\nclass W(Warning):\n    pass\n" % self.code


# ----------------------------------------------------------------------------------------------------------
# opcode helpers
# ----------------------------------------------------------------------------------------------------------
PROTO_MODE = [4]


def G(m, n):
    """Global reference: STACK_GLOBAL under protocol >= 4, GLOBAL under protocol 2."""
    return sg(m, n) if PROTO_MODE[0] >= 4 else g(m, n)


def tup(*items):
    if len(items) == 0:
        return ET
    if len(items) == 1:
        return items[0] + T1
    if len(items) == 2:
        return items[0] + items[1] + T2
    if len(items) == 3:
        return items[0] + items[1] + items[2] + T3
    return MARK + b"".join(items) + TUPLE


def setns(**kw):
    """types.SimpleNamespace() whose attributes are set by a dict BUILD (values may be any opcodes)."""
    return call(G("types", "SimpleNamespace")) + d(**kw) + BUILD


def ga(obj, attr):
    return call(G("builtins", "getattr"), obj, u(attr))


def launder(value):
    """The value as the result of getattr(<namespace the pickle built>, 'v'): a CallResult without a known global."""
    return ga(setns(v=value), "v")


def modfunc(holder_mod, holder_attr, fname):
    """getattr(launder(GLOBAL holder_mod holder_attr), fname): a function of a module held as an attribute."""
    return ga(launder(G(holder_mod, holder_attr)), fname)


def ints(values):
    return lst(*[bi(v) for v in values])


# forwarders: call f with arguments; each returns opcodes leaving one value on the stack
def F_rf2(f, *args):
    return call(G("torch._tensor", "_rebuild_from_type_v2"), f, G("torch", "Tensor"), tup(*args), NONE)


def F_rf1(f, *args):
    return call(G("torch._tensor", "_rebuild_from_type"), f, G("torch", "Tensor"), tup(*args), EMPTY_DICT)


def F_dill(f, *args):
    return call(G("dill._dill", "_create_array"), f, tup(*args), NONE, NONE)


def F_interval(fn, **kw):
    return call(G("pandas.core.indexes.interval", "_new_IntervalIndex"), setns(from_arrays=fn), d(**kw))


def F_gen(f, arg):
    return call(G("numpy.random._pickle", "__generator_ctor"), arg, f)


def F_rs(f, arg):
    return call(G("numpy.random._pickle", "__randomstate_ctor"), arg, f)


def F_recon(f, a, b):
    return call(G("copyreg", "_reconstructor"), a, setns(__new__=f, __init__=G("builtins", "slice")), b)


def F_setstate(f, arg):
    return setns(__setstate__=f) + arg + BUILD


def F_append(f, arg):
    return setns(append=f) + arg + APPEND


def F_additems(f, arg):
    return setns(add=f) + MARK + arg + ADDITEMS


def F_param(f, arg):
    inner = setns(requires_grad_=f)
    popper = ga(call(G("builtins", "list"), EMPTY_LIST + inner + APPEND), "pop")
    return call(G("torch._utils", "_rebuild_parameter"), setns(detach=popper), arg, NONE)


def F_slotstate(f, arg):
    return call(G("types", "SimpleNamespace")) + NONE + d(__setstate__=f) + T2 + BUILD + arg + BUILD


# forwarders that judge global arguments need a laundered callable; namespace-based ones hide it in BUILD state
POSITIONAL = {"rf2": F_rf2, "rf1": F_rf1, "dill": F_dill}
ONE_ARG = {"rf2": F_rf2, "dill": F_dill, "gen": F_gen, "rs": F_rs, "setstate": F_setstate, "append": F_append,
           "additems": F_additems, "param": F_param, "slotstate": F_slotstate, "rf1": F_rf1}
FWD_DESC = {
    "rf2": "torch._tensor._rebuild_from_type_v2(f, torch.Tensor, args, None) returns f(*args)",
    "rf1": "torch._tensor._rebuild_from_type(f, torch.Tensor, args, {}) calls f(*args) (raises afterwards)",
    "dill": "dill._dill._create_array(f, args, None, None) calls f(*args) (raises afterwards)",
    "interval": "pandas _new_IntervalIndex(ns, kwargs) calls ns.from_arrays(**kwargs)",
    "gen": "numpy.random._pickle.__generator_ctor(arg, f) calls f(arg) (raises afterwards)",
    "rs": "numpy.random._pickle.__randomstate_ctor(arg, f) calls f(arg) (raises afterwards)",
    "recon": "copyreg._reconstructor(a, ns, b) calls ns.__new__(a, b) then ns.__init__ (builtins.slice)",
    "setstate": "BUILD sets ns.__setstate__ = f, a second BUILD calls f(state)",
    "append": "BUILD sets ns.append = f, APPEND calls f(item)",
    "additems": "BUILD sets ns.add = f, ADDITEMS calls f(item)",
    "param": "torch._utils._rebuild_parameter(ns, arg, None): Parameter.__new__ calls ns.detach().requires_grad_(arg)",
    "slotstate": "BUILD slotstate (None, {'__setstate__': f}) then BUILD calls f(state)",
}


# ----------------------------------------------------------------------------------------------------------
# registry
# ----------------------------------------------------------------------------------------------------------
MAL = []  # (name, technique, desc, builder(Pay) -> bytes, proof kind)


def mal(name, technique, desc, builder, proof="file"):
    MAL.append((name, technique, desc, builder, proof))


def write(label, name, data, technique, desc):
    sub = "malicious" if label == "malicious" else "benign"
    path = os.path.join(OUT, sub, name + ".pkl")
    if os.path.exists(path):
        raise SystemExit("duplicate sample name " + name)
    with open(path, "wb") as f:
        f.write(data)
    LABELS.append((os.path.join(sub, name + ".pkl"), label, technique, desc.replace("\t", " ").replace("\n", " ")))


def with_proto(p, body_fn):
    """Build body_fn() with globals written for protocol p; returns PROTO header + body + STOP."""
    old = PROTO_MODE[0]
    PROTO_MODE[0] = p
    try:
        return {2: P2, 4: P4, 5: P5}[p] + body_fn() + STOP
    finally:
        PROTO_MODE[0] = old


# ----------------------------------------------------------------------------------------------------------
# malicious
# ----------------------------------------------------------------------------------------------------------
def define_malicious():
    import numpy as np

    # ---- A. module held as a one-segment attribute + laundering + non-listed function name + forwarder ----------
    sub_holders = [("pandas._config.localization", "subprocess"), ("torch.cuda._memory_viz", "subprocess")]
    os_holders = [("argparse", "_os"), ("logging", "os"), ("joblib", "os"), ("torch.serialization", "os"), ("random", "_os"),
                  ("numpy.compat.py3k", "os")]
    bi_holders = [("torch", "builtins"), ("pandas.core.common", "builtins"), ("numpy", "_builtins"), ("enum", "bltns"),
                  ("dataclasses", "builtins")]
    i = 0
    for hm, ha in sub_holders:
        for fname in ("getoutput", "getstatusoutput"):
            for fwd in ("rf2", "gen", "setstate", "append", "dill", "param", "additems"):
                i += 1
                if (i % 2) and fwd in ("additems", "param", "dill"):
                    continue
                p = 2 if (fwd in ("gen", "setstate") and i % 3 == 0) else (5 if i % 4 == 0 else 4)
                if p == 2 and "." in ha:
                    p = 4
                n = "modalias_%s_%s_%s_%s_p%d" % (hm.replace(".", "_"), ha, fname, fwd, p)
                mal(n, "modalias-subprocess", "GLOBAL %s %s is the subprocess module (one-segment attribute, no walk); laundered through a namespace; "
                    "getattr(.., '%s') is only a notice; %s: subprocess.%s(cmd)." % (hm, ha, fname, FWD_DESC[fwd], fname),
                    (lambda hm, ha, fname, fwd, p: lambda P: with_proto(p, lambda: ONE_ARG[fwd](modfunc(hm, ha, fname), u(P.cmd))))(hm, ha, fname, fwd, p))
        for fwd in ("rf2", "interval", "recon"):
            n = "modalias_%s_%s_Popen_%s" % (hm.replace(".", "_"), ha, fwd)
            if fwd == "rf2":
                b = (lambda hm, ha: lambda P: with_proto(4, lambda: F_rf2(modfunc(hm, ha, "Popen"), P.argv)))(hm, ha)
            elif fwd == "interval":
                b = (lambda hm, ha: lambda P: with_proto(4, lambda: F_interval(modfunc(hm, ha, "Popen"), args=P.argv)))(hm, ha)
            else:
                b = (lambda hm, ha: lambda P: with_proto(4, lambda: F_recon(modfunc(hm, ha, "Popen"), P.argv, NONE)))(hm, ha)
            mal(n, "modalias-subprocess", "subprocess module via GLOBAL %s %s, laundered; Popen(argv) through %s." % (hm, ha, FWD_DESC[fwd]), b)
    # os functions whose names are not in DangerousMethodNames
    for j, (hm, ha) in enumerate(os_holders):
        def b_spawnv(P, hm=hm, ha=ha):
            return with_proto(4, lambda: F_rf2(modfunc(hm, ha, "spawnv"), bi(0), u("/bin/sh"), P.argv))
        def b_spawnlp(P, hm=hm, ha=ha):
            return with_proto(5, lambda: F_dill(modfunc(hm, ha, "spawnlp"), bi(0), u("sh"), u("sh"), u("-c"), u(P.cmd)))
        def b_posix_spawnp(P, hm=hm, ha=ha):
            return with_proto(4, lambda: F_rf2(modfunc(hm, ha, "posix_spawnp"), u("sh"), P.argv, EMPTY_DICT))
        def b_posix_spawn(P, hm=hm, ha=ha):
            return with_proto(4, lambda: F_dill(modfunc(hm, ha, "posix_spawn"), u("/bin/sh"), P.argv, EMPTY_DICT))
        def b_execv(P, hm=hm, ha=ha):
            return with_proto(4, lambda: F_recon(modfunc(hm, ha, "execv"), u("/bin/sh"), P.argv))
        def b_spawnvp(P, hm=hm, ha=ha):
            return with_proto(4, lambda: F_rf2(modfunc(hm, ha, "spawnvp"), bi(0), u("sh"), P.argv))
        variants = [("spawnv", b_spawnv, "os.spawnv(P_WAIT, '/bin/sh', argv) via rf2"), ("spawnlp", b_spawnlp, "os.spawnlp(P_WAIT, 'sh', 'sh', '-c', cmd) via dill._create_array"),
                    ("posix_spawnp", b_posix_spawnp, "os.posix_spawnp('sh', argv, {}) via rf2"), ("posix_spawn", b_posix_spawn, "os.posix_spawn('/bin/sh', argv, {}) via dill._create_array"),
                    ("execv", b_execv, "os.execv('/bin/sh', argv) via copyreg._reconstructor (replaces the loading process)"), ("spawnvp", b_spawnvp, "os.spawnvp(P_WAIT, 'sh', argv) via rf2")]
        for k, (vn, b, vd) in enumerate(variants):
            if (j + k) % 2:
                continue
            mal("modalias_%s_%s_%s" % (hm.replace(".", "_"), ha.strip("_"), vn), "modalias-os",
                "GLOBAL %s %s is the os module (one-segment attribute); laundered; %s." % (hm, ha, vd), b)
    # builtins module -> getattr -> exec
    for hm, ha in bi_holders:
        def b_exec(P, hm=hm, ha=ha):
            def body():
                bmod = launder(G(hm, ha))
                getattr_fn = ga(bmod, "getattr")
                exec_fn = F_rf2(getattr_fn, bmod, u("exec"))
                return F_rf2(exec_fn, u(P.code))
            return with_proto(4, body)
        mal("modalias_%s_%s_getattr_exec" % (hm.replace(".", "_"), ha), "modalias-builtins",
            "GLOBAL %s %s is the builtins module; laundered; getattr(b, 'getattr') (not a listed method name) is called by rf2 to fetch exec, which rf2 calls with code." % (hm, ha), b_exec)
    # shutil / socket / pickle / ctypes / importlib holders
    def b_copyfile(P):
        return with_proto(4, lambda: F_recon(modfunc("torch.serialization", "shutil", "copyfile"), u("/etc/hostname"), u(P.path)))
    mal("modalias_torch_serialization_shutil_copyfile", "modalias-file", "GLOBAL torch.serialization shutil; laundered; shutil.copyfile(src, dst) via copyreg._reconstructor: arbitrary file write.", b_copyfile)
    def b_copyfile2(P):
        return with_proto(4, lambda: F_rf2(modfunc("joblib.logger", "shutil", "copyfile"), u("/etc/hostname"), u(P.path)))
    mal("modalias_joblib_logger_shutil_copyfile", "modalias-file", "GLOBAL joblib.logger shutil; laundered; shutil.copyfile via rf2.", b_copyfile2)
    def b_conn(P):
        return with_proto(4, lambda: F_rf2(modfunc("email.utils", "socket", "create_connection"), tup(u("127.0.0.1"), bi(9))))
    mal("modalias_email_utils_socket_create_connection", "modalias-network", "GLOBAL email.utils socket; laundered; socket.create_connection(('127.0.0.1', 9)) via rf2.", b_conn, proof="net")
    def b_cdll(P):
        return with_proto(4, lambda: F_rf2(modfunc("xgboost.core", "ctypes", "CDLL"), u(P.path + ".so")))
    mal("modalias_xgboost_core_ctypes_CDLL", "modalias-native", "GLOBAL xgboost.core ctypes; laundered; ctypes.CDLL(path) via rf2 loads a native library (path does not exist here).", b_cdll, proof="cdll")
    def b_pickle_loads(P):
        inner = with_proto(4, lambda: F_rf2(modfunc("pandas._config.localization", "subprocess", "getoutput"), u(P.cmd)))
        return with_proto(4, lambda: F_rf2(modfunc("torch.serialization", "pickle", "_loads"), sbb(inner)))
    mal("modalias_torch_serialization_pickle__loads_nested", "modalias-deserializer",
        "GLOBAL torch.serialization pickle; laundered; pickle._loads(nested) via rf2; the nested pickle is itself a modalias getoutput chain.", b_pickle_loads)

    # ---- B. unlisted code-execution gadgets ------------------------------------------------------------------------
    def cmp_op(P):
        return "==()\n %s\n def _z():\n  return ()" % P.code
    def b_cmp(fwd, p):
        def b(P):
            def body():
                if fwd == "interval":
                    return F_interval(G("dataclasses", "_cmp_fn"), name=u("f"), op=u(cmp_op(P)), self_tuple=u("()"), other_tuple=u("()"), globals=EMPTY_DICT)
                return POSITIONAL[fwd](launder(G("dataclasses", "_cmp_fn")), u("f"), u(cmp_op(P)), u("()"), u("()"), EMPTY_DICT)
            return with_proto(p, body)
        return b
    for fwd, p in (("interval", 4), ("rf2", 4), ("dill", 2), ("rf1", 5)):
        mal("unlisted_exec_dataclasses_cmp_fn_%s_p%d" % (fwd, p), "unlisted-exec",
            "dataclasses._cmp_fn(name, op, ...) builds source from its arguments and exec()s it; op carries a dedented statement. Called through %s." % FWD_DESC[fwd], b_cmp(fwd, p))

    def hash_fields(P):
        name = "x,))\n %s\n def _q(self):\n  return hash((1" % P.code
        return lst(setns(name=u(name)))
    def b_hash(fwd):
        def b(P):
            def body():
                if fwd == "interval":
                    return F_interval(G("dataclasses", "_hash_fn"), fields=hash_fields(P), globals=EMPTY_DICT)
                if fwd == "recon":
                    return F_recon(G("dataclasses", "_hash_fn"), hash_fields(P), EMPTY_DICT)
                return POSITIONAL[fwd](launder(G("dataclasses", "_hash_fn")), hash_fields(P), EMPTY_DICT)
            return with_proto(4, body)
        return b
    for fwd in ("interval", "recon", "rf2", "dill"):
        mal("unlisted_exec_dataclasses_hash_fn_%s" % fwd, "unlisted-exec",
            "dataclasses._hash_fn(fields, globals): a field name with a newline injects a statement into exec()ed source. Called through %s." % FWD_DESC[fwd], b_hash(fwd))

    def b_fwdref(make, call_):
        def b(P):
            def body():
                code = u("__import__('builtins').exec(%r)" % P.code)
                if make == "interval":
                    fr = F_interval(G("typing", "ForwardRef"), arg=code)
                else:
                    fr = F_rf2(launder(G("typing", "ForwardRef")), code)
                ev = ga(fr, "_evaluate")
                if call_ == "interval":
                    return F_interval(ev, globalns=EMPTY_DICT, localns=EMPTY_DICT, recursive_guard=call(G("builtins", "frozenset")))
                return F_rf2(ev, EMPTY_DICT, EMPTY_DICT, call(G("builtins", "frozenset")))
            return with_proto(4, body)
        return b
    for make in ("interval", "rf2"):
        for c in ("interval", "rf2"):
            mal("unlisted_exec_typing_forwardref_%s_%s" % (make, c), "unlisted-exec",
                "typing.ForwardRef(code) built through %s; its bound _evaluate (not a listed method name) called through %s: eval(code)." % (make, c), b_fwdref(make, c))

    rv_aliases = [("scipy.stats._stats_py", "distributions.rv_continuous"), ("scipy.stats._stats_py", "distributions.rv_discrete"),
                  ("scipy.stats._morestats", "distributions.rv_continuous"), ("scipy.stats._mstats_basic", "distributions.rv_continuous")]
    for j, (m, nme) in enumerate(rv_aliases):
        def b_rv(P, m=m, nme=nme, j=j):
            def body():
                inst = F_interval(G(m, nme), **({} if nme.endswith("continuous") else {})) if j % 2 == 0 else F_rf2(launder(G(m, nme)))
                return inst + d(_parse_arg_template=u(P.code)) + BUILD
            return with_proto(4, body)
        mal("unlisted_exec_scipy_%s_%s" % (m.split(".")[-1], nme.split(".")[-1]), "unlisted-exec",
            "%s.%s (scipy.stats' rv_generic class under a module path the denylist does not cover) instantiated silently, then BUILD "
            "{'_parse_arg_template': code}: rv_generic.__setstate__ exec()s it." % (m, nme), b_rv)

    # ---- B2. BUILD on laundered module-level objects (no state-on-global finding) ----------------------------------
    for m, nme in (("scipy.stats._stats_py", "distributions.norm"), ("scipy.stats._morestats", "distributions.expon"), ("scipy.stats._stats_py", "distributions.poisson")):
        def b_norm(P, m=m, nme=nme):
            return with_proto(4, lambda: launder(G(m, nme)) + d(_parse_arg_template=u(P.code)) + BUILD)
        mal("launder_build_scipy_%s" % nme.split(".")[-1], "launder-build",
            "The module-level distribution %s.%s laundered through a namespace attribute, then BUILD {'_parse_arg_template': code}: "
            "__setstate__ exec()s it; BUILD on the global itself would be flagged." % (m, nme), b_norm)

    def b_rebind_od(P):
        def body():
            coll = launder(G("pprint", "_collections"))
            bmod = launder(G("torch", "builtins"))
            exec_fn = F_rf2(ga(bmod, "getattr"), bmod, u("exec"))
            return coll + EMPTY_DICT + u("OrderedDict") + exec_fn + SETITEM + BUILD + POP + call(G("collections", "OrderedDict"), u(P.code))
        return with_proto(4, body)
    mal("launder_build_rebind_collections_ordereddict", "launder-build",
        "The collections module (GLOBAL pprint _collections, laundered) gets BUILD {'OrderedDict': exec}; then the allowlisted collections.OrderedDict(code) is exec(code).", b_rebind_od)

    def b_rebind_rebuild(P):
        def body():
            tu = launder(G("torch", "_utils"))
            bmod = launder(G("numpy", "_builtins"))
            exec_fn = F_rf2(ga(bmod, "getattr"), bmod, u("exec"))
            return tu + EMPTY_DICT + u("_rebuild_tensor_v2") + exec_fn + SETITEM + BUILD + POP + call(G("torch._utils", "_rebuild_tensor_v2"), u(P.code))
        return with_proto(4, body)
    mal("launder_build_rebind_torch_rebuild_tensor_v2", "launder-build",
        "torch._utils (GLOBAL torch _utils, laundered) gets BUILD {'_rebuild_tensor_v2': exec}; the allowlisted torch._utils._rebuild_tensor_v2(code) then runs exec.", b_rebind_rebuild)

    def b_sysmod(holder, target_mod, target_name, p):
        def b(P):
            def body():
                sysm = launder(G(*holder))
                modules = ga(sysm, "modules")
                bmod = launder(G("torch", "builtins"))
                exec_fn = F_rf2(ga(bmod, "getattr"), bmod, u("exec"))
                fake = setns(**{target_name: exec_fn})
                return modules + u(target_mod) + fake + SETITEM + POP + call(G(target_mod, target_name), u(P.code))
            return with_proto(p, body)
        return b
    for holder, tm, tn, p in ((("collections", "_sys"), "numpy.core.multiarray", "_reconstruct", 4),
                              (("argparse", "_sys"), "copyreg", "_reconstructor", 4),
                              (("dataclasses", "sys"), "torch._utils", "_rebuild_parameter", 5)):
        mal("launder_build_sysmodules_%s_%s" % (holder[0], tm.replace(".", "_")), "launder-build",
            "sys (GLOBAL %s %s, one segment) laundered; getattr(sys, 'modules') is a notice; SETITEM sys.modules[%r] = namespace{%s: exec}; "
            "the allowlisted %s.%s(code) is then exec(code)." % (holder[0], holder[1], tm, tn, tm, tn), b_sysmod(holder, tm, tn, p))

    # ---- C. unlisted file writes and write-then-import chains -------------------------------------------------------
    def arr_of(text):
        return embed(np.frombuffer(text.encode(), dtype=np.uint8).copy())
    tofile_aliases = [("numpy", "matrix.tofile"), ("numpy", "recarray.tofile"), ("numpy", "memmap.tofile"), ("numpy.core.multiarray", "ndarray.tofile"),
                      ("numpy", "chararray.tofile")]
    for j, (m, nme) in enumerate(tofile_aliases):
        fwd = ["recon", "rf2", "dill", "rf2", "recon"][j]
        def b_tofile(P, m=m, nme=nme, fwd=fwd):
            def body():
                arr = arr_of("pbg-eval2 %s\n" % P.name)
                if fwd == "recon":
                    return F_recon(G(m, nme), arr, u(P.path))
                return POSITIONAL[fwd](launder(G(m, nme)), arr, u(P.path))
            return with_proto(4, body)
        mal("unlisted_write_%s_%s_%s" % (m.replace(".", "_"), nme.replace(".", "_"), fwd), "unlisted-write",
            "%s.%s (ndarray.tofile under another class name; only numpy.ndarray.tofile is denied) writes attacker bytes to a path; called through %s." % (m, nme, FWD_DESC[fwd]), b_tofile)

    series_src = lambda txt: embed(__import__("pandas").Series([txt]))
    for fwd in ("recon", "rf2", "interval"):
        def b_tostr(P, fwd=fwd):
            def body():
                s = series_src("pbg-eval2 " + P.name)
                if fwd == "interval":
                    return F_interval(G("pandas.core.series", "Series.to_string"), self=s, buf=u(P.path), index=b"\x89")
                if fwd == "recon":
                    return F_recon(G("pandas.core.series", "Series.to_string"), s, u(P.path))
                return F_rf2(launder(G("pandas.core.series", "Series.to_string")), s, u(P.path))
            return with_proto(4, body)
        mal("unlisted_write_series_to_string_%s" % fwd, "unlisted-write",
            "pandas.core.series.Series.to_string(series, path) writes the series text to a file (not on the denylist); through %s." % FWD_DESC[fwd], b_tostr)
    for fwd in ("setstate", "append"):
        def b_tostr_b(P, fwd=fwd):
            return with_proto(4, lambda: ONE_ARG[fwd](ga(embed(__import__("pandas").DataFrame({"c": ["pbg-eval2"]})), "to_string"), u(P.path)))
        mal("unlisted_write_dataframe_bound_to_string_%s" % fwd, "unlisted-write",
            "getattr(<DataFrame the pickle built>, 'to_string') is only a notice ('to_string' is not a listed method name); %s with the path: file write." % FWD_DESC[fwd], b_tostr_b)
    for cls_mod, cls_name, fwd in (("wave", "Wave_write", "setstate"), ("aifc", "Aifc_write", "append"), ("sunau", "Au_write", "rf2"), ("wave", "Wave_write", "interval")):
        def b_wave(P, cls_mod=cls_mod, cls_name=cls_name, fwd=fwd):
            def body():
                if fwd == "rf2":
                    return F_rf2(launder(G(cls_mod, cls_name)), u(P.path))
                if fwd == "interval":
                    return F_interval(G(cls_mod, cls_name), f=u(P.path))
                return ONE_ARG[fwd](G(cls_mod, cls_name), u(P.path))
            return with_proto(4, body)
        mal("unlisted_write_%s_%s_%s" % (cls_mod, cls_name.lower(), fwd), "unlisted-write",
            "%s.%s(path) opens the path for writing (creates or truncates any file the loader can write; %s.open is denied, the class is not); through %s." % (cls_mod, cls_name, cls_mod, FWD_DESC[fwd]), b_wave)
    for smod, storage, fwd in (("torch.storage", "UntypedStorage", "rf2"), ("torch", "ByteStorage", "rf2")):
        def b_storage(P, smod=smod, storage=storage, fwd=fwd):
            def body():
                data = ("pbg-eval2 %s\n" % P.name).encode()
                from_file = ga(launder(G(smod, storage)), "from_file")
                mm = POSITIONAL[fwd](from_file, u(P.path), b"\x88", bi(len(data)))
                src = call(G(smod, storage), ints(list(data)))
                return F_rf2(ga(mm, "copy_"), src)
            return with_proto(4, body)
        mal("unlisted_write_torch_%s_from_file_copy_%s" % (storage.lower(), fwd), "unlisted-write",
            "torch.%s (allowlisted) laundered; its classmethod from_file(path, shared=True, n) maps and creates the file; copy_(storage) writes attacker bytes (names not listed); calls through %s." % (storage, FWD_DESC[fwd]), b_storage)
    def b_xgb(P):
        return with_proto(4, lambda: F_setstate(ga(call(G("xgboost.core", "Booster")), "dump_model"), u(P.path)))
    mal("unlisted_write_xgboost_booster_dump_model", "unlisted-write",
        "getattr(xgboost.core.Booster(), 'dump_model') ('dump_model' is not a listed method name) called by the BUILD __setstate__ trick: writes/truncates the file.", b_xgb)

    # write-then-import: module source written into the loader's working directory, imported by warnings._getcategory
    def b_drop_import(writer):
        def b(P):
            def body():
                fname = P.modname + ".py"
                if writer == "tofile":
                    w = F_recon(G("numpy", "matrix.tofile"), arr_of(P.modsource), u(fname))
                elif writer == "to_string":
                    src = P.code + ";W = Warning"
                    w = F_interval(G("pandas.core.frame", "DataFrame.to_string"), self=embed(__import__("pandas").DataFrame({"c": [src]})), buf=u(fname), header=b"\x89", index=b"\x89", max_colwidth=bi(1000))
                else:
                    data = P.modsource.encode()
                    mm = F_rf2(ga(launder(G("torch.storage", "UntypedStorage")), "from_file"), u(fname), b"\x88", bi(len(data)))
                    w = F_rf2(ga(mm, "copy_"), call(G("torch.storage", "UntypedStorage"), ints(list(data))))
                imp = F_setstate(G("warnings", "_getcategory"), u(P.modname + ".W"))
                return w + POP + imp
            return with_proto(4, body)
        return b
    for writer in ("tofile", "to_string", "torch_storage"):
        mal("unlisted_write_then_import_%s" % writer, "unlisted-write-import",
            "Writes %s.py into the working directory (%s), then warnings._getcategory('<mod>.W') (unlisted, invoked by the BUILD __setstate__ trick) "
            "imports it: code execution when the loader's cwd is on sys.path (python -c, notebooks)." % ("pbg_eval2_mod_<name>", writer), b_drop_import(writer), proof="import")
    def b_drop_global(P):
        fname = P.modname + ".py"
        return with_proto(4, lambda: F_recon(G("numpy", "matrix.tofile"), arr_of(P.modsource), u(fname)) + POP + G(P.modname, "W"))
    mal("unlisted_write_then_global_import", "unlisted-write-import",
        "numpy matrix.tofile writes pbg_eval2_mod_<name>.py into cwd, then a plain STACK_GLOBAL of it imports the module (an unknown global: suspicious only).", b_drop_global, proof="import")

    # ---- D. third-party re-exports and gadgets (unknown module => suspicious) --------------------------------------
    tp = [
        ("six_moves_getoutput", lambda P: P4 + call(sg("six", "moves.getoutput"), u(P.cmd)) + STOP, "six.moves.getoutput is subprocess.getoutput (six lazy alias)", "file"),
        ("six_moves_getoutput_p2", lambda P: P2 + call(g("six.moves", "getoutput"), u(P.cmd)) + STOP, "GLOBAL six.moves getoutput at protocol 2", "file"),
        ("dateutil_rebuild_check_output", lambda P: P4 + call(sg("dateutil.zoneinfo.rebuild", "check_output"), P.argv) + STOP, "dateutil.zoneinfo.rebuild re-exports subprocess.check_output", "file"),
        ("dateutil_rebuild_check_call_p2", lambda P: P2 + call(g("dateutil.zoneinfo.rebuild", "check_call"), P.argv) + STOP, "dateutil.zoneinfo.rebuild re-exports subprocess.check_call", "file"),
        ("sympy_preview_check_output", lambda P: P4 + call(sg("sympy.printing.preview", "check_output"), P.argv) + STOP, "sympy.printing.preview re-exports subprocess.check_output", "file"),
        ("sympy_autowrap_check_output", lambda P: P5 + call(sg("sympy.utilities.autowrap", "check_output"), P.argv) + STOP, "sympy.utilities.autowrap re-exports subprocess.check_output", "file"),
        ("nltk_senna_popen", lambda P: P4 + call(sg("nltk.classify.senna", "Popen"), P.argv) + STOP, "nltk.classify.senna re-exports subprocess.Popen", "file"),
        ("nltk_hunpos_popen", lambda P: P2 + call(g("nltk.tag.hunpos", "Popen"), P.argv) + STOP, "nltk.tag.hunpos re-exports subprocess.Popen", "file"),
        ("mpmath_ctx_mp_python_exec", lambda P: P4 + call(sg("mpmath.ctx_mp_python", "exec_"), u(P.code)) + STOP, "mpmath.ctx_mp_python.exec_ is builtins.exec", "file"),
        ("mpmath_backend_exec_p2", lambda P: P2 + call(g("mpmath.libmp.backend", "exec_"), u(P.code)) + STOP, "mpmath.libmp.backend.exec_ is builtins.exec", "file"),
        ("sympy_S", lambda P: P4 + call(sg("sympy", "S"), u("__import__('builtins').exec(%r)" % P.code)) + STOP, "sympy.S(text) is sympify (eval)", "file"),
        ("sympy_core_sympify", lambda P: P4 + call(sg("sympy.core", "sympify"), u("__import__('builtins').exec(%r)" % P.code)) + STOP, "sympy.core.sympify (only sympy.sympify / sympy.core.sympify.sympify are denied)", "file"),
        ("sympy_simplify", lambda P: P4 + call(sg("sympy", "simplify"), u("__import__('builtins').exec(%r)" % P.code)) + STOP, "sympy.simplify(text) sympifies (eval) its argument", "file"),
        ("sympy_parsing_parse_expr", lambda P: P4 + call(sg("sympy.parsing", "parse_expr"), u("__import__('builtins').exec(%r)" % P.code)) + STOP, "sympy.parsing.parse_expr (package alias of the denied sympy.parsing.sympy_parser.parse_expr)", "file"),
        ("jinja2_nativetemplate_render", lambda P: P4 + call(sg("jinja2.nativetypes", "NativeTemplate.render"), call(sg("jinja2.nativetypes", "NativeTemplate"), u("{{ cycler.__init__.__globals__.os.system(%r) }}" % P.cmd))) + STOP, "jinja2.nativetypes.NativeTemplate(ssti).render() (jinja2.Template is denied, NativeTemplate is not)", "file"),
        ("jinja2_nativetypes_template_alias", lambda P: P4 + call(sg("jinja2.nativetypes", "Template.render"), call(sg("jinja2.nativetypes", "Template"), u("{{ cycler.__init__.__globals__.os.system(%r) }}" % P.cmd))) + STOP, "jinja2.nativetypes.Template is jinja2.environment.Template under another module", "file"),
        ("jinja2_loaders_import_module", lambda P: P4 + call(sg("jinja2.loaders", "import_module"), u(P.modname)) + STOP, "jinja2.loaders re-exports importlib.import_module (imports any module by name)", "importerr"),
        ("decorator_functionmaker_create", lambda P: P4 + call(sg("decorator", "FunctionMaker.create"), u("f(x=__import__('builtins').exec(%r))" % P.code), u("pass"), EMPTY_DICT) + STOP, "decorator.FunctionMaker.create exec()s a def whose default argument runs code", "file"),
        ("attr_make_method", lambda P: P4 + call(sg("attr._make", "_make_method"), u("f"), u(P.code + "\ndef f(): pass"), u("<pbg>"), EMPTY_DICT) + STOP, "attr._make._make_method compiles and evals a script", "file"),
        ("numexpr_getexprnames", lambda P: P4 + call(sg("numexpr.necompiler", "getExprNames"), u("(lambda: __import__('builtins').exec(%r))()" % P.code), EMPTY_DICT) + STOP, "numexpr.necompiler.getExprNames evals the expression (numexpr 2.8.4; only evaluate/re_evaluate are denied)", "file"),
        ("numexpr_stringtoexpression", lambda P: P4 + call(sg("numexpr.necompiler", "stringToExpression"), u("(lambda: __import__('builtins').exec(%r))()" % P.code), EMPTY_DICT, EMPTY_DICT) + STOP, "numexpr.necompiler.stringToExpression evals", "file"),
        ("yaml_init_unsafe_load", lambda P: P4 + call(sg("yaml.__init__", "unsafe_load"), u("!!python/object/apply:os.system [%r]" % P.cmd)) + STOP, "module 'yaml.__init__' re-imports yaml under another name: unsafe_load escapes the exact yaml.unsafe_load entry", "file"),
        ("lxml_html5parser_urlopen", lambda P: P4 + call(sg("lxml.html.html5parser", "urlopen"), u("http://127.0.0.1:9/pbg")) + STOP, "lxml.html.html5parser re-exports urllib.request.urlopen", "net"),
        ("lxml_html5parser_parse_url", lambda P: P4 + call(sg("lxml.html.html5parser", "parse"), u("http://127.0.0.1:9/pbg")) + STOP, "lxml.html.html5parser.parse(url) fetches the URL (only lxml.html.parse is denied)", "net"),
        ("statsmodels_urlopen", lambda P: P4 + call(sg("statsmodels.datasets.utils", "urlopen"), u("http://127.0.0.1:9/pbg")) + STOP, "statsmodels.datasets.utils re-exports urlopen", "net"),
        ("nltk_data_urlopen", lambda P: P2 + call(g("nltk.data", "urlopen"), u("http://127.0.0.1:9/pbg")) + STOP, "nltk.data re-exports urlopen", "net"),
        ("fonttools_py23_open_write", lambda P: P4 + call(sg("fontTools.misc.py23", "open"), u(P.path), u("w")) + STOP, "fontTools.misc.py23.open is io.open: creates/truncates a file", "file"),
        ("nltk_transitionparser_remove", lambda P: P4 + call(sg("nltk.parse.transitionparser", "remove"), u(P.path)) + STOP, "nltk.parse.transitionparser re-exports os.remove: deletes any file", "remove"),
        ("pil_image_save", lambda P: P4 + call(sg("PIL.Image", "Image.save"), call(sg("PIL.Image", "new"), u("RGB"), tup(bi(1), bi(1))), u(P.path), u("PNG")) + STOP, "PIL.Image.Image.save(img, path, 'PNG') writes a file", "file"),
        ("matplotlib_pyplot_savefig", lambda P: P4 + call(sg("matplotlib.pyplot", "savefig"), u(P.path + ".png")) + STOP, "matplotlib.pyplot.savefig(path) writes a file", "filepng"),
        ("pygments_cmdline_main", lambda P: P4 + call(sg("pygments.cmdline", "main"), lst(u("pygmentize"), u("-f"), u("html"), u("-o"), u(P.path), u("-l"), u("text"), u("/etc/hostname"))) + STOP, "pygments.cmdline.main(argv) with -o writes a file", "file"),
        ("click_open_file_write", lambda P: P4 + call(sg("click.utils", "open_file"), u(P.path), u("w")) + STOP, "click.utils.open_file(path, 'w') creates/truncates a file", "file"),
    ]
    df_embed = lambda: embed(__import__("pandas").DataFrame({"y": [1.0, 2.0, 3.0], "x": [1.0, 2.0, 4.0]}))
    tp += [
        ("statsmodels_formula_ols_patsy_eval", lambda P: P4 + call(sg("statsmodels.formula.api", "ols"), u("y ~ I(__import__('builtins').exec(%r) or x)" % P.code), df_embed()) + STOP,
         "statsmodels.formula.api.ols(formula, data): patsy evaluates the formula terms as Python with builtins", "file"),
        ("numexpr_necompiler_numexpr", lambda P: P4 + call(sg("numexpr.necompiler", "NumExpr"), u("(lambda: __import__('builtins').exec(%r))()" % P.code)) + STOP,
         "numexpr.necompiler.NumExpr(expr) compiles the expression with eval (numexpr 2.8.4)", "file"),
        ("networkx_read_gpickle", lambda P: P4 + call(sg("networkx", "read_gpickle"), u(P.path + ".gpickle")) + STOP,
         "networkx.read_gpickle(path) is pickle.load of a file (nested deserialisation of any file the attacker placed)", "mentions"),
        ("networkx_write_gpickle", lambda P: P4 + call(sg("networkx", "write_gpickle"), call(sg("networkx.classes.graph", "Graph")), u(P.path)) + STOP,
         "networkx.write_gpickle(G, path) writes a file", "file"),
    ]
    for name, b, desc, proof in tp:
        mal("thirdparty_" + name, "thirdparty-alias", desc + "; the module is not a known namespace, so the verdict is at most suspicious.", b, proof=proof)
    # third-party re-export reached via the forwarders too (engine sees only an unknown global inside BUILD state)
    def b_tp_silent(P):
        return with_proto(4, lambda: F_setstate(G("dateutil.zoneinfo.rebuild", "check_output"), P.argv))
    mal("thirdparty_dateutil_check_output_setstate", "thirdparty-alias", "dateutil.zoneinfo.rebuild.check_output(argv) invoked by the BUILD __setstate__ trick (referenced only).", b_tp_silent)

    # ---- E. opcode-level variants of the core chain -------------------------------------------------------------
    def core_chain(P):
        return F_rf2(modfunc("pandas._config.localization", "subprocess", "getoutput"), u(P.cmd))
    def v_memo(P):
        # operands and values routed through the memo, DUP and POP_MARK
        body = (MARK + su("pandas._config.localization") + MEMOIZE + su("subprocess") + MEMOIZE + POP_MARK
                + call(sg("types", "SimpleNamespace")) + DUP + POP + EMPTY_DICT + u("v") + binget(0) + binget(1) + b"\x93" + SETITEM + BUILD + binput(9) + POP + binget(9))
        f = ga(ga(body, "v"), "getoutput")
        return P4 + F_rf2(f, u(P.cmd)) + STOP
    mal("opcode_memo_dup_popmark_chain", "forwarder-opcode", "Core modalias chain with STACK_GLOBAL operands memoized inside a POP_MARK region, DUP/POP noise and the namespace stored and fetched by BINPUT/BINGET.", v_memo)
    def v_frames(P):
        body = core_chain(P)
        return P4 + b"\x95" + struct.pack("<Q", len(body) + 1) + body + STOP
    mal("opcode_framed_chain", "forwarder-opcode", "Core modalias chain inside one FRAME (what torch/pickle protocol 4 writes).", v_frames)
    def v_newobj(P):
        nsn = sg("types", "SimpleNamespace") + ET + NEWOBJ + d(v=sg("pandas._config.localization", "subprocess")) + BUILD
        return P4 + F_rf2(ga(ga(nsn, "v"), "getoutput"), u(P.cmd)) + STOP
    mal("opcode_newobj_namespace_chain", "forwarder-opcode", "Namespace created with NEWOBJ instead of REDUCE; core chain.", v_newobj)
    def v_argparse(P):
        nsn = call(sg("argparse", "Namespace")) + d(v=sg("pandas._config.localization", "subprocess")) + BUILD
        return P4 + F_rf2(ga(ga(nsn, "v"), "getoutput"), u(P.cmd)) + STOP
    mal("opcode_argparse_namespace_chain", "forwarder-opcode", "argparse.Namespace (allowlisted) as the laundering carrier.", v_argparse)
    def v_slot(P):
        nsn = call(sg("types", "SimpleNamespace")) + NONE + d(v=sg("pandas._config.localization", "subprocess")) + T2 + BUILD
        return P4 + F_rf2(ga(ga(nsn, "v"), "getoutput"), u(P.cmd)) + STOP
    mal("opcode_slotstate_chain", "forwarder-opcode", "The module is put on the namespace by BUILD slotstate (None, {'v': module}).", v_slot)
    def v_list(P):
        holder = call(sg("builtins", "list"), EMPTY_LIST + sg("pandas._config.localization", "subprocess") + APPEND)
        sub = F_rf2(ga(holder, "pop"))
        return P4 + F_rf2(ga(sub, "getoutput"), u(P.cmd)) + STOP
    mal("opcode_list_pop_launder_chain", "forwarder-opcode", "Laundering by list.pop through rf2 instead of a namespace attribute.", v_list)
    def v_dictget(P):
        holder = call(sg("builtins", "dict")) + u("k") + sg("pandas._config.localization", "subprocess") + SETITEM
        sub = F_rf2(ga(holder, "get"), u("k"))
        return P4 + F_rf2(ga(sub, "getoutput"), u(P.cmd)) + STOP
    mal("opcode_dict_get_launder_chain", "forwarder-opcode", "Laundering by a bound dict.get through rf2.", v_dictget)
    def v_p2(P):
        return with_proto(2, lambda: F_rf2(ga(ga(setns(v=g("torch.cuda._memory_viz", "subprocess")), "v"), "getstatusoutput"), u(P.cmd)))
    mal("opcode_protocol2_global_chain", "forwarder-opcode", "Core chain at protocol 2 with GLOBAL opcodes only.", v_p2)
    def v_p0(P):
        return (b"ctorch._tensor\n_rebuild_from_type_v2\n(cbuiltins\ngetattr\n(cbuiltins\ngetattr\n(ctypes\nSimpleNamespace\n(tR(dS'v'\ncpandas._config.localization\nsubprocess\nsb"
                b"S'v'\ntRS'getoutput'\ntRctorch\nTensor\n(S'" + P.cmd.encode() + b"'\ntNtR.")
    mal("opcode_protocol0_chain", "forwarder-opcode", "Core chain written entirely in protocol 0 text opcodes.", v_p0)

    # ---- G. controls: the closest variants the engine does catch (expected: blocked) --------------------------------
    mal("control_modalias_listed_method_system", "control", "Core chain but the function name is 'system' (in DangerousMethodNames): getattr is judged. Expected blocked.",
        lambda P: with_proto(4, lambda: F_rf2(modfunc("random", "_os", "system"), u(P.cmd))))
    mal("control_rf2_literal_global", "control", "rf2 with a literal GLOBAL subprocess.getoutput as its function argument (judged as invoked). Expected blocked.",
        lambda P: with_proto(4, lambda: F_rf2(G("subprocess", "getoutput"), u(P.cmd))))
    mal("control_build_on_literal_scipy_norm", "control", "BUILD {'_parse_arg_template': code} on the literal global scipy.stats._stats_py distributions.norm (state-on-global). Expected blocked.",
        lambda P: with_proto(4, lambda: G("scipy.stats._stats_py", "distributions.norm") + d(_parse_arg_template=u(P.code)) + BUILD))
    mal("control_reduce_unlisted_dataclasses", "control", "REDUCE of dataclasses._cmp_fn itself (unlisted, default deny). Expected blocked.",
        lambda P: with_proto(4, lambda: call(G("dataclasses", "_cmp_fn"), u("f"), u("==()\n %s\n def _z():\n  return ()" % P.code), u("()"), u("()"), EMPTY_DICT)))

    # ---- F. soft: harmless fixed-command process spawns through silent calls ---------------------------------------
    mal("defaultdeny_silent_platform_processor", "default-deny-silent", "platform.processor() (unlisted; runs `uname -p`) called with no arguments by numpy.array(ns) through ns.__array__.",
        lambda P: P4 + call(sg("numpy", "array"), setns(__array__=sg("platform", "processor"))) + STOP, proof="none")
    mal("defaultdeny_silent_platform_architecture", "default-deny-silent", "platform.architecture(path) (unlisted; runs `file -b path`) by the BUILD __setstate__ trick.",
        lambda P: P4 + F_setstate(sg("platform", "architecture"), u("/bin/sh")) + STOP, proof="none")
    mal("defaultdeny_silent_chainmap_defaultdict", "default-deny-silent", "dict(ChainMap(defaultdict(platform.processor), {'k': 1})) calls the default factory (unlisted) for the missing key.",
        lambda P: P4 + call(sg("builtins", "dict"), call(sg("collections", "ChainMap"), call(sg("collections", "defaultdict"), sg("platform", "processor")), EMPTY_DICT + u("k") + bi(1) + SETITEM)) + STOP, proof="none")


# ----------------------------------------------------------------------------------------------------------
# benign
# ----------------------------------------------------------------------------------------------------------
BENIGN_PROTO = [0, 1, 2, 3, 4, 5]
_bi = [0]
BENIGN_NAMES = set()


def ben(name, obj, desc, proto=None, dumper=None, group=None):
    if proto is None:
        proto = BENIGN_PROTO[_bi[0] % 6]
        _bi[0] += 1
    dumper = dumper or pickle.dumps
    tried = [proto] + [p for p in (4, 2, 5, 3) if p != proto]
    err = None
    for p in tried:
        try:
            data = dumper(obj, protocol=p)
            break
        except Exception as e:  # some objects need protocol >= 2
            err = e
    else:
        print("skip benign", name, repr(err)[:120], file=sys.stderr)
        return
    full = "%s_p%d" % (name, p)
    if full in BENIGN_NAMES:
        return
    BENIGN_NAMES.add(full)
    write("benign", full, data, group or name.split("_")[0], "%s, protocol %d" % (desc, p))


def try_ben(name, fn, desc, **kw):
    try:
        obj = fn()
    except Exception as e:
        print("skip benign", name, repr(e)[:120], file=sys.stderr)
        return
    ben(name, obj, desc, **kw)


def make_benign():
    import numpy as np
    import pandas as pd
    rng = np.random.RandomState(0)
    X = rng.rand(60, 4)
    y = (X[:, 0] + X[:, 1] > 1).astype(int)
    y3 = (X[:, 0] * 3).astype(int)
    yr = X @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.1 * rng.rand(60)

    # ---- sklearn: every estimator of all_estimators() that fits on tiny data ----
    import sklearn
    from sklearn.experimental import enable_halving_search_cv, enable_iterative_imputer  # noqa: F401
    from sklearn.utils import all_estimators
    from sklearn import linear_model as lm, tree, preprocessing as pp, feature_selection as fs, model_selection as ms
    from sklearn.metrics import make_scorer, f1_score, fbeta_score
    import functools
    special = {
        "ClassifierChain": lambda C: C(lm.LogisticRegression()), "MultiOutputClassifier": lambda C: C(lm.LogisticRegression()),
        "MultiOutputRegressor": lambda C: C(lm.Ridge()), "RegressorChain": lambda C: C(lm.Ridge()),
        "OneVsOneClassifier": lambda C: C(lm.LogisticRegression()), "OneVsRestClassifier": lambda C: C(lm.LogisticRegression()),
        "OutputCodeClassifier": lambda C: C(lm.LogisticRegression(), random_state=0), "SelfTrainingClassifier": lambda C: C(lm.LogisticRegression()),
        "SequentialFeatureSelector": lambda C: C(lm.LinearRegression(), n_features_to_select=2), "RFE": lambda C: C(lm.LinearRegression(), n_features_to_select=2),
        "RFECV": lambda C: C(lm.LinearRegression(), cv=2), "SelectFromModel": lambda C: C(lm.Lasso(alpha=0.01)),
        "GridSearchCV": lambda C: C(lm.LogisticRegression(), {"C": [0.1, 1]}, cv=ms.StratifiedKFold(2, shuffle=True, random_state=0)),
        "RandomizedSearchCV": lambda C: C(tree.DecisionTreeClassifier(), {"max_depth": [1, 2, 3]}, n_iter=2, cv=ms.KFold(2), random_state=0),
        "HalvingGridSearchCV": lambda C: C(tree.DecisionTreeClassifier(), {"max_depth": [1, 2]}, cv=2, min_resources=20),
        "HalvingRandomSearchCV": lambda C: C(tree.DecisionTreeClassifier(), {"max_depth": [1, 2]}, cv=2, min_resources=20, random_state=0),
        "StackingClassifier": lambda C: C([("lr", lm.LogisticRegression()), ("dt", tree.DecisionTreeClassifier())], cv=2),
        "StackingRegressor": lambda C: C([("r", lm.Ridge()), ("dt", tree.DecisionTreeRegressor())], cv=2),
        "VotingClassifier": lambda C: C([("lr", lm.LogisticRegression()), ("dt", tree.DecisionTreeClassifier())]),
        "VotingRegressor": lambda C: C([("r", lm.Ridge()), ("dt", tree.DecisionTreeRegressor())]),
        "ColumnTransformer": lambda C: C([("s", pp.StandardScaler(), [0, 1]), ("m", pp.MinMaxScaler(), [2, 3])]),
        "FeatureUnion": lambda C: C([("s", pp.StandardScaler()), ("m", pp.MinMaxScaler())]),
        "Pipeline": lambda C: C([("s", pp.StandardScaler()), ("lr", lm.LogisticRegression())]),
        "SparseCoder": lambda C: C(dictionary=np.eye(4)[:2]), "FunctionTransformer": lambda C: C(func=np.log1p),
        "SelectKBest": lambda C: C(k=2), "GenericUnivariateSelect": lambda C: C(mode="k_best", param=2),
        "TransformedTargetRegressor": lambda C: C(regressor=lm.LinearRegression(), func=np.exp, inverse_func=np.log),
        "CalibratedClassifierCV": lambda C: C(cv=2), "KernelCenterer": lambda C: C(),
        "LabelEncoder": None, "LabelBinarizer": None, "MultiLabelBinarizer": None, "DictVectorizer": None, "FeatureHasher": None,
        "CountVectorizer": None, "TfidfVectorizer": None, "TfidfTransformer": None, "HashingVectorizer": None, "PatchExtractor": None,
        "IsotonicRegression": None,
    }
    kinds = ["classifier", "regressor", "transformer", "cluster"]
    done = 0
    for name, C in all_estimators():
        if name in special and special[name] is None:
            continue
        try:
            est = special[name](C) if name in special else C()
            tags = est._get_tags()
            if tags.get("requires_positive_X"):
                Xf = X + 0.1
            else:
                Xf = X
            is_clf = sklearn.base.is_classifier(est)
            if tags.get("multioutput_only") or name in ("MultiOutputClassifier", "ClassifierChain"):
                yy = np.c_[y, 1 - y] if is_clf else np.c_[yr, yr]
            elif is_clf:
                yy = y3 if name not in ("GaussianProcessClassifier",) else y
            else:
                yy = yr
            if "1dlabels" in tags.get("X_types", []):
                continue
            try:
                est.fit(Xf, yy)
            except TypeError:
                est.fit(Xf)
        except Exception as e:
            print("skip sklearn", name, repr(e)[:100], file=sys.stderr)
            continue
        ben("sklearn_" + name.lower(), est, "fitted scikit-learn %s (all_estimators)" % name, group="sklearn")
        done += 1
    # text / dict / misc transformers and helpers
    docs = ["the cat sat", "the dog ran", "a cat and a dog", "pbg eval text"]
    from sklearn.feature_extraction import text as ftext, DictVectorizer
    try_ben("sklearn_countvectorizer_custom_analyzer", lambda: ftext.CountVectorizer(preprocessor=ftext.strip_accents_unicode, tokenizer=str.split).fit(docs), "CountVectorizer with module-level sklearn preprocessor and str.split tokenizer")
    try_ben("sklearn_tfidfvectorizer_ngrams", lambda: ftext.TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True).fit(docs), "TfidfVectorizer bigrams, stop words")
    try_ben("sklearn_tfidf_char_wb", lambda: ftext.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(docs), "TfidfVectorizer char_wb analyzer")
    try_ben("sklearn_labelencoder", lambda: pp.LabelEncoder().fit(["a", "b", "c"]), "LabelEncoder")
    try_ben("sklearn_dictvectorizer_sparse", lambda: DictVectorizer(sparse=True).fit([{"a": 1.0}, {"b": 2.0}]), "DictVectorizer sparse")
    try_ben("sklearn_isotonic", lambda: __import__("sklearn.isotonic").isotonic.IsotonicRegression(out_of_bounds="clip").fit(X[:, 0], yr), "IsotonicRegression clip")
    try_ben("sklearn_selectkbest_default", lambda: fs.SelectKBest(k=2).fit(X, y), "SelectKBest with default score_func f_classif")
    try_ben("sklearn_selectkbest_mutual_info_partial", lambda: fs.SelectKBest(functools.partial(fs.mutual_info_classif, random_state=0), k=2).fit(X, y), "SelectKBest(functools.partial(mutual_info_classif, random_state=0)) (common idiom)")
    try_ben("sklearn_functiontransformer_log1p", lambda: pp.FunctionTransformer(func=np.log1p, inverse_func=np.expm1).fit(X), "FunctionTransformer(numpy.log1p, numpy.expm1)")
    try_ben("sklearn_gridsearch_make_scorer", lambda: ms.GridSearchCV(lm.LogisticRegression(), {"C": [0.5, 1.0]}, scoring=make_scorer(f1_score, average="macro"), cv=2).fit(X, y3), "GridSearchCV with make_scorer(f1_score, average='macro')")
    try_ben("sklearn_gridsearch_fbeta_partial", lambda: ms.GridSearchCV(lm.LogisticRegression(), {"C": [0.5, 1.0]}, scoring=make_scorer(fbeta_score, beta=2), cv=ms.RepeatedStratifiedKFold(n_splits=2, n_repeats=1, random_state=0)).fit(X, y), "GridSearchCV with fbeta scorer and RepeatedStratifiedKFold")
    try_ben("sklearn_randomizedsearch_scipy_dists", lambda: ms.RandomizedSearchCV(lm.LogisticRegression(), {"C": __import__("scipy.stats").stats.loguniform(1e-3, 1e2)}, n_iter=2, cv=2, random_state=0).fit(X, y), "RandomizedSearchCV over scipy.stats.loguniform (the documented idiom)")
    try_ben("sklearn_cv_splitters", lambda: [ms.KFold(3, shuffle=True, random_state=0), ms.StratifiedKFold(3), ms.TimeSeriesSplit(3), ms.GroupKFold(2), ms.ShuffleSplit(2, random_state=0), ms.LeaveOneOut(), ms.PredefinedSplit([0, 1, 0])], "model_selection splitter objects")
    try_ben("sklearn_partial_dependence", lambda: __import__("sklearn.inspection").inspection.partial_dependence(tree.DecisionTreeRegressor(max_depth=2).fit(X, yr), X, [0], grid_resolution=5), "sklearn.inspection.partial_dependence result (Bunch)")
    try_ben("sklearn_permutation_importance", lambda: __import__("sklearn.inspection").inspection.permutation_importance(lm.Ridge().fit(X, yr), X, yr, n_repeats=2, random_state=0), "permutation_importance result (Bunch)")
    for metric in ("euclidean", "manhattan", "chebyshev", "minkowski", "haversine"):
        Xm = X[:, :2] if metric == "haversine" else X
        try_ben("sklearn_balltree_" + metric, lambda: __import__("sklearn.neighbors").neighbors.NearestNeighbors(algorithm="ball_tree", metric=metric).fit(Xm), "NearestNeighbors ball_tree metric=%s" % metric)
    try_ben("sklearn_kdtree_manhattan", lambda: __import__("sklearn.neighbors").neighbors.KDTree(X, metric="manhattan"), "KDTree manhattan")
    try_ben("sklearn_hgb_quantile", lambda: __import__("sklearn.ensemble").ensemble.HistGradientBoostingRegressor(loss="quantile", quantile=0.8, max_iter=3).fit(X, yr), "HistGradientBoostingRegressor quantile loss")
    try_ben("sklearn_sgd_losses", lambda: [lm.SGDClassifier(loss=l, max_iter=5).fit(X, y) for l in ("hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron")], "SGDClassifier with every loss")
    try_ben("sklearn_sgdregressor_losses", lambda: [lm.SGDRegressor(loss=l, max_iter=5).fit(X, yr) for l in ("squared_error", "huber", "epsilon_insensitive")], "SGDRegressor losses")
    try_ben("sklearn_gbc_losses", lambda: [__import__("sklearn.ensemble").ensemble.GradientBoostingClassifier(n_estimators=3, loss=l).fit(X, y) for l in ("log_loss", "exponential")], "GradientBoostingClassifier losses")
    try_ben("sklearn_gbr_losses", lambda: [__import__("sklearn.ensemble").ensemble.GradientBoostingRegressor(n_estimators=3, loss=l).fit(X, yr) for l in ("squared_error", "absolute_error", "huber", "quantile")], "GradientBoostingRegressor losses")
    try_ben("sklearn_mlp_adam_sgd", lambda: [__import__("sklearn.neural_network").neural_network.MLPClassifier((3,), solver=s, max_iter=5).fit(X, y) for s in ("adam", "sgd")], "MLPClassifier adam/sgd with optimizer objects")
    try_ben("sklearn_glm_family", lambda: [lm.PoissonRegressor().fit(X, np.abs(yr)), lm.GammaRegressor().fit(X, np.abs(yr) + 0.1), lm.TweedieRegressor(power=1.5).fit(X, np.abs(yr))], "Poisson/Gamma/Tweedie regressors")

    # ---- numpy ----
    bitgens = [np.random.MT19937(1), np.random.PCG64(2), np.random.PCG64DXSM(3), np.random.Philox(4), np.random.SFC64(5)]
    for bg in bitgens:
        ben("numpy_bitgen_" + type(bg).__name__.lower(), bg, "numpy bit generator %s" % type(bg).__name__, group="numpy")
        ben("numpy_generator_" + type(bg).__name__.lower(), np.random.Generator(type(bg)(7)), "numpy Generator(%s)" % type(bg).__name__, group="numpy")
    ben("numpy_randomstate_seeded", np.random.RandomState(123), "numpy RandomState", group="numpy")
    ben("numpy_default_rng", np.random.default_rng(99), "numpy default_rng()", group="numpy")
    try_ben("numpy_masked_constant", lambda: [np.ma.masked, np.ma.masked_array([1, 2], mask=[0, 1]), np.ma.array(np.arange(4.0).reshape(2, 2), mask=[[0, 1], [1, 0]])], "numpy masked constant/arrays", group="numpy")
    try_ben("numpy_polynomial_family", lambda: [np.polynomial.Chebyshev([1, 2]), np.polynomial.Legendre([1, 2]), np.polynomial.Laguerre([1]), np.polynomial.Hermite([0, 1]), np.polynomial.HermiteE([1, 1])], "numpy polynomial classes", group="numpy")
    try_ben("numpy_matrix_recarray", lambda: [np.matrix([[1, 2], [3, 4]]), np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])], "numpy matrix / recarray", group="numpy")
    try_ben("numpy_dtypes_all", lambda: [np.dtype(c) for c in "?bBhHiIlLqQefdgFDGSUVOMm"] + [np.dtype("datetime64[ms]"), np.dtype("timedelta64[D]"), np.dtype(">i4"), np.dtype([("x", "<f4"), ("y", ">i2")], align=True)], "every numpy dtype char", group="numpy")
    try_ben("numpy_scalars_all", lambda: [np.bool_(True), np.int8(1), np.uint64(2), np.float16(0.5), np.longdouble(1.5), np.complex64(1j), np.clongdouble(2j), np.str_("s"), np.bytes_(b"b"), np.datetime64("2020-01-01", "ns"), np.timedelta64(3, "h")], "every numpy scalar type", group="numpy")
    try_ben("numpy_ufunc_more", lambda: [np.arctan2, np.hypot, np.logaddexp, np.floor_divide, np.bitwise_xor, np.heaviside, np.isnat, np.ldexp, np.frexp, np.divmod, np.matmul, np.clip], "numpy ufunc references", group="numpy")
    try_ben("numpy_finfo_iinfo", lambda: [np.finfo(np.float32), np.iinfo(np.int16)], "numpy finfo/iinfo", group="numpy")
    try_ben("numpy_seedsequence_spawned", lambda: np.random.SeedSequence(5).spawn(3), "spawned SeedSequences", group="numpy")
    try_ben("numpy_fortran_and_views", lambda: [np.asfortranarray(np.ones((2, 3))), np.arange(10)[::3], np.zeros((2, 2)).T], "numpy Fortran order and views", group="numpy")

    # ---- pandas ----
    cats = {
        "int": [1, 2, 1], "float": [0.5, 1.5, 0.5], "str": ["a", "b", "a"], "bool": [True, False, True],
        "datetime": pd.to_datetime(["2020-01-01", "2021-01-01", "2020-01-01"]), "timedelta": pd.to_timedelta(["1d", "2d", "1d"]),
        "period": pd.period_range("2020-01", periods=2, freq="M").tolist() + [pd.Period("2020-01", "M")],
        "interval": [pd.Interval(0, 1), pd.Interval(1, 2), pd.Interval(0, 1)], "datetimetz": pd.date_range("2020", periods=3, tz="UTC"),
    }
    for cname, vals in cats.items():
        try_ben("pandas_df_categorical_" + cname, lambda vals=vals: pd.DataFrame({"c": pd.Categorical(vals), "v": [1, 2, 3]}), "DataFrame with a categorical column of %s categories" % cname, group="pandas")
    idx = {
        "int32": lambda: pd.Index(np.array([1, 2], dtype="int32")), "uint": lambda: pd.Index(np.array([1, 2], dtype="uint64")),
        "float": lambda: pd.Index([0.5, 1.5]), "bool": lambda: pd.Index([True, False]), "string_dtype": lambda: pd.Index(["a", "b"], dtype="string"),
        "nullable_int": lambda: pd.Index(pd.array([1, None], dtype="Int64")), "complex": lambda: pd.Index([1 + 1j]), "dates_object": lambda: pd.Index([datetime.date(2020, 1, 1)]),
        "datetime_tz": lambda: pd.DatetimeIndex(["2020-01-01"], tz="Asia/Tokyo"), "timedelta": lambda: pd.TimedeltaIndex(["1h"]),
        "period_q": lambda: pd.period_range("2020Q1", periods=3, freq="Q"), "interval_closed_both": lambda: pd.IntervalIndex.from_breaks([0, 1, 2], closed="both"),
        "multi_levels": lambda: pd.MultiIndex.from_product([["a", "b"], [1, 2], pd.date_range("2020", periods=2)]), "range_neg": lambda: pd.RangeIndex(10, 0, -2),
        "categorical_ordered": lambda: pd.CategoricalIndex(["lo", "hi"], categories=["lo", "hi"], ordered=True),
    }
    for iname, fn in idx.items():
        try_ben("pandas_index_" + iname, fn, "pandas Index %s" % iname, group="pandas")
    offsets = ["BQuarterBegin", "BQuarterEnd", "BYearBegin", "BYearEnd", "BusinessHour", "BusinessMonthBegin", "CustomBusinessHour", "CustomBusinessMonthBegin",
               "CustomBusinessMonthEnd", "Easter", "FY5253", "FY5253Quarter", "LastWeekOfMonth", "Micro", "Milli", "Minute", "MonthBegin", "Nano",
               "QuarterBegin", "QuarterEnd", "Second", "SemiMonthBegin", "SemiMonthEnd", "WeekOfMonth", "YearBegin", "YearEnd", "Hour", "Day"]
    for oname in offsets:
        def mk(oname=oname):
            C = getattr(pd.offsets, oname)
            if oname in ("FY5253", "FY5253Quarter"):
                return C(weekday=1, startingMonth=3, variation="nearest")
            if oname == "LastWeekOfMonth":
                return C(weekday=2)
            if oname == "WeekOfMonth":
                return C(week=1, weekday=3)
            return C(2) if oname not in ("Easter",) else C()
        try_ben("pandas_offset_" + oname.lower(), mk, "pandas offset %s" % oname, group="pandas")
    import zoneinfo
    import pytz
    import dateutil.tz
    try_ben("pandas_timestamp_zoneinfo", lambda: pd.Timestamp("2021-03-28 01:30", tz=zoneinfo.ZoneInfo("Europe/Paris")), "Timestamp with zoneinfo tz", group="pandas")
    try_ben("pandas_timestamp_pytz", lambda: pd.Timestamp("2021-03-28 01:30", tz=pytz.timezone("America/New_York")), "Timestamp with pytz tz", group="pandas")
    try_ben("pandas_timestamp_dateutil", lambda: pd.Timestamp("2021-03-28 01:30", tz=dateutil.tz.gettz("Europe/London")), "Timestamp with dateutil tz", group="pandas")
    try_ben("pandas_timestamp_fixed_offset", lambda: [pd.Timestamp("2021-01-01", tz=pytz.FixedOffset(330)), pd.Timestamp("2021-01-01", tz=datetime.timezone(datetime.timedelta(hours=-3)))], "Timestamps with fixed offsets", group="pandas")
    try_ben("pandas_period_interval_arrays", lambda: [pd.arrays.PeriodArray(pd.period_range("2020", periods=3, freq="D")), pd.arrays.IntervalArray.from_tuples([(0, 1), (1, 3)], closed="right")], "PeriodArray / IntervalArray", group="pandas")
    try_ben("pandas_nullable_dtypes_all", lambda: [pd.array([1, None], dtype=t) for t in ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "boolean", "string")], "every nullable extension dtype", group="pandas")
    try_ben("pandas_sparse_dataframe", lambda: pd.DataFrame({"a": pd.arrays.SparseArray([0, 0, 1.5]), "b": pd.arrays.SparseArray([0, 2, 0], fill_value=0)}), "DataFrame of sparse columns", group="pandas")
    try_ben("pandas_series_attrs_flags", lambda: (lambda s: (s.attrs.update({"unit": "m"}), s)[1])(pd.Series([1.0, 2.0], name="len")), "Series with attrs", group="pandas")
    try_ben("pandas_nat_na", lambda: [pd.NaT, pd.NA, pd.Series([pd.NA, 1], dtype="Int64"), pd.Timedelta("1 days 2h")], "NaT / NA / Timedelta", group="pandas")
    try_ben("pandas_groupby_multiagg", lambda: pd.DataFrame({"k": list("aabb"), "x": [1, 2, 3, 4], "t": pd.date_range("2020", periods=4)}).groupby("k").agg({"x": ["min", "max"], "t": "first"}), "groupby multi-aggregation result", group="pandas")
    try_ben("pandas_crosstab", lambda: pd.crosstab(pd.Series(list("abab")), pd.Series(list("xxyy"))), "crosstab result", group="pandas")
    try_ben("pandas_rolling_result", lambda: pd.Series(range(10), dtype=float).rolling(3).mean(), "rolling mean result", group="pandas")
    try_ben("pandas_dataframe_wide_mixed", lambda: pd.DataFrame({"i": np.arange(50), "f": np.linspace(0, 1, 50), "s": ["x%d" % i for i in range(50)], "d": pd.date_range("2021", periods=50, freq="T"), "c": pd.Categorical(["a", "b"] * 25)}), "wide mixed DataFrame", group="pandas")

    # ---- scipy ----
    import scipy.sparse as sps
    import scipy.interpolate as si
    import scipy.stats as ss
    import scipy.spatial as ssp
    xs = np.linspace(0, 1, 10)
    try_ben("scipy_sparse_formats", lambda: [sps.csc_matrix(np.eye(3)), sps.bsr_matrix(np.eye(4)), sps.dia_matrix(np.eye(3)), sps.dok_matrix(np.eye(3)), sps.lil_matrix(np.eye(3))], "scipy sparse csc/bsr/dia/dok/lil", group="scipy")
    try_ben("scipy_univariatespline", lambda: si.UnivariateSpline(xs, xs ** 2), "UnivariateSpline", group="scipy")
    try_ben("scipy_rbfinterpolator", lambda: si.RBFInterpolator(X[:, :2], yr), "RBFInterpolator", group="scipy")
    try_ben("scipy_regulargrid", lambda: si.RegularGridInterpolator((xs, xs), np.outer(xs, xs)), "RegularGridInterpolator", group="scipy")
    try_ben("scipy_akima_ppoly", lambda: [si.Akima1DInterpolator(xs, xs ** 3), si.PPoly.from_spline(si.splrep(xs, xs ** 2)), si.BPoly.from_derivatives([0, 1], [[1, 2], [3, 4]])], "Akima / PPoly / BPoly", group="scipy")
    try_ben("scipy_krogh_barycentric", lambda: [si.KroghInterpolator(xs[:4], xs[:4] ** 2), si.BarycentricInterpolator(xs[:4], xs[:4])], "Krogh / Barycentric interpolators", group="scipy")
    try_ben("scipy_gaussian_kde", lambda: ss.gaussian_kde(X[:, 0]), "scipy.stats.gaussian_kde", group="scipy")
    try_ben("scipy_frozen_norm", lambda: ss.norm(0, 1), "frozen scipy.stats.norm(0, 1)", group="scipy")
    try_ben("scipy_multivariate_frozen", lambda: [ss.multivariate_normal([0, 0], np.eye(2)), ss.dirichlet([1, 2]), ss.multivariate_t([0, 0], np.eye(2))], "frozen multivariate distributions", group="scipy")
    try_ben("scipy_linregress_result", lambda: ss.linregress(xs, 2 * xs + 1), "linregress result (named tuple)", group="scipy")
    try_ben("scipy_ttest_result", lambda: ss.ttest_ind(X[:, 0], X[:, 1]), "ttest_ind result", group="scipy")
    try_ben("scipy_convexhull_delaunay", lambda: [ssp.ConvexHull(X[:, :2]), ssp.Delaunay(X[:, :2])], "ConvexHull / Delaunay", group="scipy")
    try_ben("scipy_rotation_slerp", lambda: ssp.transform.Slerp([0, 1], ssp.transform.Rotation.random(2, random_state=0)), "Slerp", group="scipy")
    try_ben("scipy_solve_ivp_result", lambda: __import__("scipy.integrate").integrate.solve_ivp(lambda t, y: -y, (0, 1), [1.0]).y, "solve_ivp solution array", group="scipy")
    try_ben("scipy_lti_system", lambda: __import__("scipy.signal").signal.TransferFunction([1], [1, 1]), "scipy.signal TransferFunction", group="scipy")

    # ---- torch ----
    import torch
    import torch.nn as nn
    torch.manual_seed(0)
    argsets = [(), (4,), (4, 4), (4, 4, 3), (2, 2, 2, 2)]
    skip_nn = {"Module", "Container", "LazyModuleMixin", "ParameterList", "ParameterDict", "RNNBase", "RNNCellBase"}
    for cname in sorted(dir(nn)):
        C = getattr(nn, cname)
        if not isinstance(C, type) or not issubclass(C, nn.Module) or cname in skip_nn:
            continue
        obj = None
        for a in argsets:
            try:
                obj = C(*a)
                break
            except Exception:
                continue
        if obj is None:
            continue
        ben("torch_nn_" + cname.lower(), obj, "torch.nn.%s%s" % (cname, "" if not hasattr(obj, "extra_repr") else "(" + obj.extra_repr()[:60] + ")"), group="torch")
    try_ben("torch_nn_parameterlist_dict", lambda: [nn.ParameterList([nn.Parameter(torch.ones(2))]), nn.ParameterDict({"w": nn.Parameter(torch.zeros(2))})], "ParameterList / ParameterDict", group="torch")
    try_ben("torch_nn_spectral_norm", lambda: nn.utils.spectral_norm(nn.Linear(3, 3)), "Linear with spectral_norm hooks", group="torch")
    try_ben("torch_nn_weight_norm", lambda: nn.utils.weight_norm(nn.Linear(3, 3)), "Linear with weight_norm hook", group="torch")
    try_ben("torch_quant_stubs", lambda: nn.Sequential(torch.ao.quantization.QuantStub(), nn.Linear(2, 2), torch.ao.quantization.DeQuantStub()), "model with QuantStub/DeQuantStub", group="torch")
    def qat():
        m = nn.Sequential(torch.ao.quantization.QuantStub(), nn.Linear(2, 2), torch.ao.quantization.DeQuantStub())
        m.qconfig = torch.ao.quantization.get_default_qconfig("fbgemm")
        return m
    try_ben("torch_qconfig_model", qat, "model with qconfig = get_default_qconfig('fbgemm') (pre-prepare)", group="torch")
    def prepared():
        m = qat()
        return torch.ao.quantization.prepare(m)
    try_ben("torch_prepared_observers", prepared, "torch.ao.quantization.prepare()d model with observers", group="torch")
    try_ben("torch_quantized_tensors", lambda: [torch.quantize_per_tensor(torch.randn(4), 0.1, 0, torch.quint8), torch.quantize_per_channel(torch.randn(2, 3), torch.tensor([0.1, 0.2]), torch.tensor([0, 0]), 0, torch.qint8)], "quantized tensors per tensor / per channel", group="torch")
    try_ben("torch_sparse_csr", lambda: torch.eye(3).to_sparse_csr(), "sparse CSR tensor", group="torch")
    try_ben("torch_sparse_csc_bsr", lambda: [torch.eye(4).to_sparse_csc(), torch.eye(4).to_sparse_bsr((2, 2))], "sparse CSC/BSR tensors", group="torch")
    try_ben("torch_views_and_sizes", lambda: {"v": torch.arange(10.0)[2:8:2], "e": torch.ones(3).expand(2, 3), "size": torch.Size([1, 2, 3]), "t": torch.ones(2, 3).t()}, "tensor views, expand, torch.Size", group="torch")
    try_ben("torch_layouts_formats", lambda: [torch.strided, torch.sparse_coo, torch.sparse_csr, torch.channels_last, torch.preserve_format, torch.per_tensor_affine, torch.qint32], "layouts, memory formats, qschemes", group="torch")
    try_ben("torch_channels_last", lambda: torch.randn(1, 3, 2, 2).to(memory_format=torch.channels_last), "channels_last tensor", group="torch")
    dists = {
        "bernoulli": lambda D: D.Bernoulli(probs=torch.tensor([0.3])), "beta": lambda D: D.Beta(torch.tensor([1.0]), torch.tensor([2.0])),
        "binomial": lambda D: D.Binomial(5, torch.tensor([0.5])), "categorical": lambda D: D.Categorical(logits=torch.zeros(3)),
        "dirichlet": lambda D: D.Dirichlet(torch.ones(3)), "exponential": lambda D: D.Exponential(torch.tensor([1.0])),
        "gamma": lambda D: D.Gamma(torch.tensor([2.0]), torch.tensor([1.0])), "laplace": lambda D: D.Laplace(0.0, 1.0),
        "lognormal": lambda D: D.LogNormal(0.0, 1.0), "multinomial": lambda D: D.Multinomial(3, torch.ones(3)),
        "mvnormal": lambda D: D.MultivariateNormal(torch.zeros(2), torch.eye(2)), "normal": lambda D: D.Normal(0.0, 1.0),
        "poisson": lambda D: D.Poisson(torch.tensor([2.0])), "studentt": lambda D: D.StudentT(3.0), "uniform": lambda D: D.Uniform(0.0, 1.0),
        "independent": lambda D: D.Independent(D.Normal(torch.zeros(2), torch.ones(2)), 1),
        "transformed_lognormal": lambda D: D.TransformedDistribution(D.Normal(0.0, 1.0), [D.transforms.ExpTransform()]),
        "onehotcategorical": lambda D: D.OneHotCategorical(torch.ones(3) / 3), "vonmises": lambda D: D.VonMises(0.0, 1.0),
    }
    import torch.distributions as TD
    for dn, fn in dists.items():
        try_ben("torch_dist_" + dn, lambda fn=fn: fn(TD), "torch.distributions %s" % dn, group="torch")
    lin = nn.Linear(3, 2)
    for oname in ("Adadelta", "Adagrad", "Adamax", "ASGD", "NAdam", "RAdam", "RMSprop", "Rprop", "LBFGS"):
        try_ben("torch_optimizer_obj_" + oname.lower(), lambda oname=oname: getattr(torch.optim, oname)(lin.parameters(), lr=0.01), "torch.optim.%s object" % oname, group="torch")
    opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    for sname, fn in {"lambdalr_state": lambda: torch.optim.lr_scheduler.MultiplicativeLR(opt, lr_lambda=lambda e: 0.9).state_dict(),
                      "cycliclr_state": lambda: torch.optim.lr_scheduler.CyclicLR(opt, 0.01, 0.1).state_dict(),
                      "plateau_obj": lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1)),
                      "exponential_obj": lambda: torch.optim.lr_scheduler.ExponentialLR(torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1), 0.9)}.items():
        try_ben("torch_sched_" + sname, fn, "torch LR scheduler %s" % sname, group="torch")
    try_ben("torch_tensordataset_subset", lambda: torch.utils.data.Subset(torch.utils.data.TensorDataset(torch.arange(6.0).reshape(3, 2), torch.arange(3)), [0, 2]), "TensorDataset + Subset", group="torch")
    try_ben("torch_dataloader", lambda: torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.ones(4, 2)), batch_size=2, shuffle=True), "DataLoader over a TensorDataset", group="torch")
    try_ben("torch_packed_sequence", lambda: nn.utils.rnn.pack_padded_sequence(torch.randn(3, 2, 4), [3, 2]), "PackedSequence", group="torch")
    try_ben("torch_finfo_dtype_list", lambda: [torch.float64, torch.complex128, torch.bool, torch.bfloat16, torch.int16, torch.uint8, torch.device("cpu"), torch.device("cuda", 0)], "dtypes and devices", group="torch")

    # ---- xgboost ----
    import xgboost as xgb
    try_ben("xgboost_regressor_dart", lambda: xgb.XGBRegressor(n_estimators=3, booster="dart").fit(X, yr), "XGBRegressor dart booster", group="xgboost")
    try_ben("xgboost_classifier_gblinear", lambda: xgb.XGBClassifier(n_estimators=3, booster="gblinear").fit(X, y), "XGBClassifier gblinear", group="xgboost")
    try_ben("xgboost_regressor_monotone", lambda: xgb.XGBRegressor(n_estimators=3, monotone_constraints=(1, 0, 0, -1)).fit(X, yr), "XGBRegressor monotone constraints", group="xgboost")

    # ---- statsmodels / networkx / nltk (third-party, if installed) ----
    try:
        import statsmodels.api as sm
        Xc = sm.add_constant(X)
        for mname, fn in {
            "ols_results": lambda: sm.OLS(yr, Xc).fit(), "wls_results": lambda: sm.WLS(yr, Xc, weights=np.ones(60)).fit(),
            "logit_results": lambda: sm.Logit(y, Xc).fit(disp=0), "glm_poisson": lambda: sm.GLM(np.round(np.abs(yr) * 3), Xc, family=sm.families.Poisson()).fit(),
            "glm_binomial_logit": lambda: sm.GLM(y, Xc, family=sm.families.Binomial()).fit(), "rlm": lambda: sm.RLM(yr, Xc).fit(),
            "quantreg": lambda: sm.QuantReg(yr, Xc).fit(q=0.5), "arima": lambda: sm.tsa.ARIMA(np.cumsum(rng.randn(60)), order=(1, 0, 0)).fit(),
            "holtwinters": lambda: sm.tsa.ExponentialSmoothing(np.abs(np.cumsum(rng.randn(60))) + 1).fit(), "kde": lambda: sm.nonparametric.KDEUnivariate(X[:, 0]).fit(),
            "ols_formula": lambda: __import__("statsmodels.formula.api").formula.api.ols("y ~ a + b", pd.DataFrame({"y": yr, "a": X[:, 0], "b": X[:, 1]})).fit(),
        }.items():
            try_ben("statsmodels_" + mname, fn, "statsmodels %s" % mname, group="statsmodels")
    except ImportError:
        print("statsmodels not installed", file=sys.stderr)
    try:
        import networkx as nx
        for gname, fn in {"graph_karate": nx.karate_club_graph, "digraph_gnp": lambda: nx.gnp_random_graph(20, 0.2, seed=1, directed=True),
                          "multigraph": lambda: nx.MultiGraph([(1, 2), (1, 2), (2, 3)]), "multidigraph_attrs": lambda: nx.MultiDiGraph([(1, 2, {"w": 0.5})]),
                          "grid_2d": lambda: nx.grid_2d_graph(3, 3), "weighted_path": lambda: nx.path_graph(5), "tree_bfs": lambda: nx.bfs_tree(nx.path_graph(5), 0)}.items():
            try_ben("networkx_" + gname, fn, "networkx %s" % gname, group="networkx")
    except ImportError:
        print("networkx not installed", file=sys.stderr)
    try:
        import nltk
        from nltk.probability import FreqDist, ConditionalFreqDist, ELEProbDist
        words = "the cat sat on the mat the end".split()
        for nname, fn in {"freqdist": lambda: FreqDist(words), "cfd": lambda: ConditionalFreqDist((w[0], w) for w in words),
                          "tree": lambda: nltk.Tree.fromstring("(S (NP the cat) (VP sat))"), "porter": nltk.stem.PorterStemmer,
                          "snowball": lambda: nltk.stem.SnowballStemmer("english"), "treebank_tokenizer": nltk.tokenize.TreebankWordTokenizer,
                          "naivebayes": lambda: nltk.classify.NaiveBayesClassifier.train([({"a": 1}, "x"), ({"a": 2}, "y")]),
                          "eleprobdist": lambda: ELEProbDist(FreqDist(words)), "lm_mle": lambda: (lambda lm: (lm.fit([[("a",), ("b",)]], vocabulary_text=["a", "b"]), lm)[1])(nltk.lm.MLE(1)),
                          "regexp_tokenizer": lambda: nltk.tokenize.RegexpTokenizer(r"\w+")}.items():
            try_ben("nltk_" + nname, fn, "nltk %s" % nname, group="nltk")
    except ImportError:
        print("nltk not installed", file=sys.stderr)

    # ---- stdlib objects likely in model files ----
    import array
    import logging
    import time
    import platform
    import typing
    import uuid
    import http
    import zoneinfo as zi
    std = {
        "logger_root_and_child": lambda: [logging.getLogger(), logging.getLogger("pbg.eval2.child")],
        "logger_adapter": lambda: logging.LoggerAdapter(logging.getLogger("pbg"), {"run": 1}),
        "datetime_zoneinfo_many": lambda: [datetime.datetime(2022, 1, 1, tzinfo=zi.ZoneInfo(k)) for k in ("UTC", "America/Sao_Paulo", "Asia/Kolkata", "Australia/Lord_Howe")],
        "decimal_context": lambda: decimal.Context(prec=12, rounding=decimal.ROUND_HALF_EVEN),
        "decimal_localcontext_values": lambda: [decimal.Decimal("3.14159"), decimal.Decimal("-Infinity"), decimal.Decimal("sNaN")],
        "fractions_many": lambda: [fractions.Fraction(1, 3), fractions.Fraction("2.5"), fractions.Fraction(-7, 11)],
        "array_every_typecode": lambda: [array.array(tc, [1, 2]) for tc in "bBhHiIlLqQfd"] + [array.array("u", "xy")],
        "struct_time_local": lambda: time.localtime(86400),
        "stat_result_real": lambda: os.stat("/"),
        "uname_result": lambda: os.uname(),
        "platform_uname": lambda: platform.uname(),
        "enum_http_status_method": lambda: [http.HTTPStatus.CREATED, http.HTTPMethod.GET] if hasattr(http, "HTTPMethod") else [http.HTTPStatus.CREATED],
        "enum_uuid_safe": lambda: [uuid.SafeUUID.safe, uuid.uuid5(uuid.NAMESPACE_DNS, "pbg")],
        "enum_ssl_tlsversion": lambda: __import__("ssl").TLSVersion.TLSv1_2,
        "enum_inspect_kind": lambda: __import__("inspect").Parameter.KEYWORD_ONLY,
        "enum_socket_msgflag": lambda: __import__("socket").MsgFlag.MSG_PEEK,
        "enum_signal_sigmasks": lambda: __import__("signal").Sigmasks.SIG_BLOCK,
        "enum_pstats_sortkey": lambda: __import__("pstats").SortKey.CUMULATIVE,
        "enum_py_compile_mode": lambda: __import__("py_compile").PycInvalidationMode.CHECKED_HASH,
        "enum_plistlib_format": lambda: __import__("plistlib").FMT_XML,
        "enum_re_flags_combo": lambda: re_flags(),
        "typing_generics": lambda: {"a": typing.List[int], "b": typing.Optional[str], "c": typing.Dict[str, float]},
        "pep585_generics": lambda: {"a": list[int], "b": dict[str, int]},
        "union_type": lambda: int | None,
        "nonetype_in_dict": lambda: {"types": [int, float, str, type(None)]},
        "bytesio_stringio": lambda: [io.BytesIO(b"pbg"), io.StringIO("pbg")],
        "string_template": lambda: __import__("string").Template("$who likes $what"),
        "functools_partial_int": lambda: functools.partial(int, base=2),
        "namedtuple_stdlib": lambda: [__import__("urllib.parse").parse.urlsplit("http://x/y"), os.terminal_size((80, 24))],
        "calendar_obj": lambda: __import__("calendar").TextCalendar(firstweekday=6),
        "ipaddress_mixed": lambda: [__import__("ipaddress").IPv6Network("2001:db8::/32"), __import__("ipaddress").IPv4Interface("10.1.2.3/8")],
        "datetime_min_max": lambda: [datetime.datetime.max, datetime.date.min, datetime.timedelta.resolution, datetime.timezone.utc],
        "counter_deque_maxlen": lambda: [collections.Counter(a=3), collections.deque([1, 2], maxlen=5), collections.OrderedDict(b=2)],
        "random_state_tuple": lambda: random.Random(5).getstate(),
        "random_instance": lambda: random.Random(6),
        "simple_recursive": lambda: (lambda l: (l.append(l), l)[1])([1]),
    }
    for sname, fn in std.items():
        try_ben("stdlib_" + sname, fn, "stdlib %s" % sname, group="stdlib")

    # ---- dill / cloudpickle of plain data ----
    import dill
    import cloudpickle
    Point = collections.namedtuple("Point", "x y")
    globals()["Point"] = Point
    plain = [
        ("dict_sets", {"s": {1, 2}, "f": frozenset({3}), "b": bytearray(b"ab"), "c": 1 + 2j}),
        ("range_slice_ellipsis", [range(3), slice(1, 5, 2), Ellipsis, NotImplemented, None]),
        ("none_type_refs", [type(None), type(Ellipsis), type(NotImplemented)]),
        ("numpy_pandas", {"a": np.arange(4), "s": pd.Series([1, 2]), "ts": pd.Timestamp("2020-01-01")}),
        ("datetime_decimal", [datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc), decimal.Decimal("1.5")]),
        ("defaultdict_counter", [collections.defaultdict(list, a=[1]), collections.Counter("abc")]),
        ("main_namedtuple", Point(1, 2)),
        ("bytesio", io.BytesIO(b"dill")),
    ]
    for pname, obj in plain:
        for p, dumper, lib in ((2, dill.dumps, "dill"), (4, cloudpickle.dumps, "cloudpickle")):
            if lib == "cloudpickle" and pname == "main_namedtuple":
                continue  # cloudpickle rebuilds a __main__ class from code objects: not plain data
            ben("%s_%s" % (lib, pname), obj, "%s.dumps of plain data (%s)" % (lib, pname), proto=p, dumper=dumper, group=lib)


def re_flags():
    import re
    return [re.A | re.I, re.compile(b"\\d+", re.M), re.compile("x", re.X | re.S)]


# ----------------------------------------------------------------------------------------------------------
# proof
# ----------------------------------------------------------------------------------------------------------
LOADER = ("import pickle, sys, warnings\nwarnings.filterwarnings('ignore')\n"
          "data = open(sys.argv[1], 'rb').read()\n"
          "try:\n    pickle.loads(data)\nexcept BaseException as e:\n    print('LOAD-ERROR', type(e).__name__, str(e)[:300])\n")


def prove(proof_dir):
    hits = os.path.join(proof_dir, "hits") + os.sep
    cwd = os.path.join(proof_dir, "cwd")
    for dd in (hits, cwd):
        shutil.rmtree(dd, ignore_errors=True)
        os.makedirs(dd)
    rows = []
    for name, technique, desc, builder, kind in MAL:
        P = Pay(name, hits)
        path = os.path.join(proof_dir, name + ".pkl")
        with open(path, "wb") as f:
            f.write(builder(P))
        try:
            proc = subprocess.run([sys.executable, "-c", LOADER, path], cwd=cwd, capture_output=True, timeout=90, text=True)
            out = proc.stdout + proc.stderr
        except subprocess.TimeoutExpired:
            out = "TIMEOUT"
        if kind in ("file", "import"):
            ok = os.path.exists(P.path)
        elif kind == "filepng":
            ok = os.path.exists(P.path + ".png")
        elif kind == "remove":
            ok = "FileNotFoundError" in out and P.path in out
        elif kind == "mentions":
            ok = "FileNotFoundError" in out and P.path in out
        elif kind == "net":
            ok = "Connection refused" in out or "ConnectionRefused" in out
        elif kind == "cdll":
            ok = "OSError" in out and ".so" in out
        elif kind == "importerr":
            ok = "ModuleNotFoundError" in out and P.modname in out
        else:
            ok = None
        err = [ln for ln in out.splitlines() if "LOAD-ERROR" in ln]
        rows.append((name, technique, kind, "proven" if ok else ("n/a" if ok is None else "NOT-PROVEN"), (err[0] if err else "")[:200]))
        print("%-70s %s" % (name, rows[-1][3]), file=sys.stderr)
    with open(os.path.join(os.path.dirname(proof_dir.rstrip(os.sep)), "proof.tsv"), "w") as f:
        f.write("name\ttechnique\tproof_kind\tresult\tload_error\n")
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    bad = [r for r in rows if r[3] == "NOT-PROVEN"]
    print("proof: %d proven, %d not proven, %d n/a" % (sum(r[3] == "proven" for r in rows), len(bad), sum(r[3] == "n/a" for r in rows)), file=sys.stderr)


def main():
    global OUT
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        raise SystemExit(__doc__)
    OUT = args[0]
    for sub in ("malicious", "benign"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
        for f in os.listdir(os.path.join(OUT, sub)):
            os.remove(os.path.join(OUT, sub, f))
    random.seed(4321)
    define_malicious()
    for name, technique, desc, builder, kind in MAL:
        write("malicious", name, builder(Pay(name, CORPUS_BASE)), technique, desc)
    if "--no-benign" not in sys.argv:
        make_benign()
    with open(os.path.join(OUT, "labels.tsv"), "w") as f:
        f.write("path\tlabel\ttechnique\tdescription\n")
        for row in LABELS:
            f.write("\t".join(row) + "\n")
    nm = sum(1 for r in LABELS if r[1] == "malicious")
    print("wrote %d malicious, %d benign to %s" % (nm, len(LABELS) - nm, OUT))
    if "--prove" in sys.argv:
        prove(os.path.join(OUT, "proof") + os.sep)


if __name__ == "__main__":
    main()
