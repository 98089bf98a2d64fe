#!/usr/bin/python3
"""Collect every global that pickles of real ML / stdlib objects reference.

Run with the system interpreter (Debian python3 with numpy, torch, scikit-learn, pandas,
scipy, xgboost, joblib installed):

    /usr/bin/python3 tools/knowledge/collect_ml_globals.py > tools/knowledge/ml_globals_observed.txt

The script builds a wide range of real objects (fitted scikit-learn estimators, xgboost
models, pandas containers of every dtype, numpy arrays/scalars/random generators, scipy
sparse/spatial/interpolate/stats objects, torch tensors/modules/optimisers, stdlib data
types), serialises each one with ``pickle.dumps`` at protocols 0-5 (plus ``torch.save`` in
the zip and legacy layouts and ``joblib.dump``), and walks the opcodes with
``pickletools.genops``.  Globals are resolved with a small stack/memo simulation:
GLOBAL/INST carry ``module name`` in their argument; STACK_GLOBAL pops the two values the
preceding string opcodes / memo gets pushed.

Each object is pickled in a forked child, so a native crash (some pybind11 objects abort at
protocols 0/1) only loses that object; a crashed child is retried from protocol 2.

Output (stdout): a two-line ``#`` header (versions), then one line per global, sorted,
``module.name<TAB>N kinds: kind; kind; ...`` (at most 6 example kinds).  Progress goes to
stderr.  Nothing is loaded back (``pickle.loads`` is never called); the output is raw material
for the human review that produces the ``[allow ...]`` sections of
``src/PickleBuildGuard.Core/Knowledge/callables.txt`` (see tools/knowledge/check_callables.py).

Options: ``--only GROUP[,GROUP]`` (stdlib, numpy, pandas, scipy, sklearn, xgboost, torch,
joblib) runs a subset; ``--by-protocol`` appends the protocols/serialisers in which each
global occurred; ``--failures FILE`` writes the objects that could not be built or pickled.
Runtime: about 1.5 minutes on 2 cores.
"""

import argparse
import contextlib
import io
import os
import pickle
import pickletools
import signal
import sys
import traceback
import warnings
import zipfile
from collections import defaultdict

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy/torch are imported: children are forked

MARK = object()
UNKNOWN = object()
STRING_OPS = {
    "STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE", "BINUNICODE", "SHORT_BINUNICODE", "BINUNICODE8",
}
GET_OPS = {"GET", "BINGET", "LONG_BINGET"}
PUT_OPS = {"PUT", "BINPUT", "LONG_BINPUT"}

# global -> kind -> set(protocol labels)
OBSERVED = defaultdict(lambda: defaultdict(set))
FAILURES = []


def one_line(exc, limit=160):
    return " ".join(str(exc).split())[:limit]


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Opcode walk
# ----------------------------------------------------------------------------------------------

def walk_one(stream):
    """Walk one pickle (up to STOP) from ``stream``; yield (module, name) for each global."""
    stack, memo = [], {}

    def pop():
        return stack.pop() if stack else UNKNOWN

    for opcode, arg, _pos in pickletools.genops(stream):
        name = opcode.name
        if name in STRING_OPS:
            stack.append(arg)
            continue
        if name in GET_OPS:
            stack.append(memo.get(arg, UNKNOWN))
            continue
        if name in PUT_OPS:
            memo[arg] = stack[-1] if stack else UNKNOWN
            continue
        if name == "MEMOIZE":
            memo[len(memo)] = stack[-1] if stack else UNKNOWN
            continue
        if name == "MARK":
            stack.append(MARK)
            continue
        if name == "DUP":
            stack.append(stack[-1] if stack else UNKNOWN)
            continue
        if name in ("GLOBAL", "INST"):
            module, _, attr = arg.partition(" ")
            yield module, attr
        elif name == "STACK_GLOBAL":
            attr, module = pop(), pop()
            if isinstance(module, str) and isinstance(attr, str):
                yield module, attr
            else:
                yield "<dynamic>", "<dynamic>"
            stack.append(UNKNOWN)
            continue
        if name == "STOP":
            return
        # Generic stack effect from the opcode description.
        before, after = opcode.stack_before, opcode.stack_after
        if pickletools.markobject in before:
            while stack and stack[-1] is not MARK:
                stack.pop()
            if stack:
                stack.pop()
            for _ in range(before.index(pickletools.markobject)):
                pop()
        else:
            for _ in before:
                pop()
        for item in after:
            stack.append(MARK if item is pickletools.markobject else UNKNOWN)


def walk_all(data):
    """Walk every concatenated pickle in ``data`` (stops quietly at trailing non-pickle bytes)."""
    stream = io.BytesIO(data)
    found = []
    first = True
    while stream.tell() < len(data):
        start = stream.tell()
        try:
            found.extend(walk_one(stream))
        except Exception:
            if first:
                raise
            break
        first = False
        if stream.tell() == start:
            break
    return found


def record(kind, label, data):
    for module, attr in walk_all(data):
        OBSERVED[f"{module}.{attr}"][kind].add(label)


# ----------------------------------------------------------------------------------------------
# Serialisers
# ----------------------------------------------------------------------------------------------

class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


@contextlib.contextmanager
def time_limit(seconds):
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def observe(kind, obj, torch_save=False, joblib_dump=False, first_protocol=0):
    """Pickle ``obj`` in a forked child (native crashes must not stop the run) and record its globals.

    A child that dies (some pybind11 objects abort at protocols 0/1) is retried from protocol 2.
    """
    import json
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        OBSERVED.clear()
        del FAILURES[:]
        code = 0
        try:
            ok = _observe(kind, obj, torch_save, joblib_dump, first_protocol)
            payload = {"ok": ok, "failures": FAILURES,
                       "globals": {name: {k: sorted(v) for k, v in kinds.items()} for name, kinds in OBSERVED.items()}}
            with os.fdopen(write_fd, "w") as handle:
                json.dump(payload, handle)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd) as handle:
        text = handle.read()
    _, status = os.waitpid(pid, 0)
    if not text:
        FAILURES.append(f"{kind} from p{first_protocol}: child died (wait status {status})")
        if first_protocol < 2:
            return observe(kind, obj, torch_save, joblib_dump, first_protocol=2)
        return False
    payload = json.loads(text)
    FAILURES.extend(payload["failures"])
    for name, kinds in payload["globals"].items():
        for k, labels in kinds.items():
            OBSERVED[name][k].update(labels)
    return payload["ok"]


def _observe(kind, obj, torch_save, joblib_dump, first_protocol):
    """Pickle ``obj`` at protocols 0-5 (plus torch.save / joblib.dump when asked) and record globals."""
    ok = False
    for protocol in range(first_protocol, pickle.HIGHEST_PROTOCOL + 1):
        try:
            with time_limit(60):
                data = pickle.dumps(obj, protocol=protocol)
            record(kind, f"p{protocol}", data)
            ok = True
        except Exception as exc:  # many objects refuse protocols 0/1
            FAILURES.append(f"{kind} p{protocol}: {type(exc).__name__}: {one_line(exc)}")
    if torch_save:
        import torch
        for legacy in (False, True):
            try:
                buf = io.BytesIO()
                torch.save(obj, buf, _use_new_zipfile_serialization=not legacy)
                raw = buf.getvalue()
                if legacy:
                    record(kind, "torch.save-legacy", raw)
                else:
                    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                        for member in zf.namelist():
                            if member.endswith(".pkl"):
                                record(kind, "torch.save", zf.read(member))
                ok = True
            except Exception as exc:
                FAILURES.append(f"{kind} torch.save legacy={legacy}: {type(exc).__name__}: {one_line(exc)}")
    if joblib_dump:
        try:
            record(kind, "joblib.dump", joblib_bytes(obj))
            ok = True
        except Exception as exc:
            FAILURES.append(f"{kind} joblib.dump: {type(exc).__name__}: {one_line(exc)}")
    return ok


def joblib_bytes(obj):
    """joblib.dump output with the raw array bytes (written after each wrapper) left out."""
    import joblib
    from joblib import numpy_pickle
    original = numpy_pickle.NumpyArrayWrapper.write_array
    numpy_pickle.NumpyArrayWrapper.write_array = lambda self, array, pickler: None
    try:
        buf = io.BytesIO()
        joblib.dump(obj, buf)
        return buf.getvalue()
    finally:
        numpy_pickle.NumpyArrayWrapper.write_array = original


def attempt(kind, factory, **kwargs):
    """Build an object with ``factory()`` (stdout silenced) and observe it; never raises."""
    try:
        with contextlib.redirect_stdout(sys.stderr), warnings.catch_warnings(), time_limit(120):
            warnings.simplefilter("ignore")
            obj = factory()
    except Exception as exc:
        FAILURES.append(f"{kind} build: {type(exc).__name__}: {one_line(exc)}")
        return None
    observe(kind, obj, **kwargs)
    return obj


# ----------------------------------------------------------------------------------------------
# Object families
# ----------------------------------------------------------------------------------------------

def stdlib_objects():
    import array
    import argparse as ap
    import collections
    import datetime
    import decimal
    import enum
    import fractions
    import ipaddress
    import pathlib
    import re
    import types
    import uuid
    import zoneinfo

    attempt("stdlib:OrderedDict", lambda: collections.OrderedDict([("a", 1), ("b", [1.5, "x"])]))
    attempt("stdlib:defaultdict(list)", lambda: collections.defaultdict(list, {"a": [1]}))
    attempt("stdlib:defaultdict(int)", lambda: collections.defaultdict(int, {"a": 1}))
    attempt("stdlib:Counter", lambda: collections.Counter("abracadabra"))
    attempt("stdlib:deque", lambda: collections.deque([1, 2, 3], maxlen=5))
    attempt("stdlib:ChainMap", lambda: collections.ChainMap({"a": 1}, {"b": 2}))
    attempt("stdlib:date", lambda: datetime.date(2024, 1, 2))
    attempt("stdlib:time", lambda: datetime.time(12, 30, 1, 5))
    attempt("stdlib:datetime", lambda: datetime.datetime(2024, 1, 2, 3, 4, 5))
    attempt("stdlib:datetime(utc)", lambda: datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc))
    attempt("stdlib:datetime(+2h)", lambda: datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=2))))
    attempt("stdlib:datetime(zoneinfo)", lambda: datetime.datetime(2024, 1, 2, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")))
    attempt("stdlib:timedelta", lambda: datetime.timedelta(days=1, seconds=3))
    attempt("stdlib:Decimal", lambda: decimal.Decimal("1.25"))
    attempt("stdlib:Fraction", lambda: fractions.Fraction(3, 7))
    attempt("stdlib:complex", lambda: complex(1, 2))
    attempt("stdlib:set", lambda: {1, 2, 3})
    attempt("stdlib:frozenset", lambda: frozenset({1, 2}))
    attempt("stdlib:bytearray", lambda: bytearray(b"abc"))
    attempt("stdlib:bytes", lambda: b"\x00\x01abc")
    attempt("stdlib:range", lambda: range(1, 10, 2))
    attempt("stdlib:slice", lambda: slice(1, 5, 2))
    attempt("stdlib:Ellipsis", lambda: Ellipsis)
    attempt("stdlib:NotImplemented", lambda: NotImplemented)
    attempt("stdlib:type-objects", lambda: [int, float, str, bytes, bool, complex, list, dict, tuple, set, frozenset, object, type(None)])
    attempt("stdlib:uuid.UUID", lambda: uuid.UUID("12345678123456781234567812345678"))
    attempt("stdlib:re.compile", lambda: re.compile(r"(?u)\b\w\w+\b", re.IGNORECASE))
    attempt("stdlib:re.RegexFlag", lambda: re.IGNORECASE | re.MULTILINE)
    attempt("stdlib:PurePosixPath", lambda: pathlib.PurePosixPath("/a/b"))
    attempt("stdlib:PureWindowsPath", lambda: pathlib.PureWindowsPath("C:/a"))
    attempt("stdlib:PosixPath", lambda: pathlib.Path("/tmp/x"))
    attempt("stdlib:array", lambda: array.array("d", [1.0, 2.0]))
    attempt("stdlib:ipaddress", lambda: [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_network("10.0.0.0/8")])
    attempt("stdlib:argparse.Namespace", lambda: ap.Namespace(lr=0.1, name="x"))
    attempt("stdlib:SimpleNamespace", lambda: types.SimpleNamespace(a=1))
    attempt("stdlib:enum member", lambda: [enum.Flag, re.RegexFlag.DOTALL])
    attempt("stdlib:logging.Logger", lambda: [__import__("logging").getLogger("pbg.collector"), __import__("logging").getLogger()])
    attempt("stdlib:ZoneInfo", lambda: zoneinfo.ZoneInfo("UTC"))
    attempt("stdlib:builtin-function(len)", lambda: len)
    import functools
    import operator
    attempt("stdlib:functools.partial (deny expected)", lambda: functools.partial(max, 1))
    attempt("stdlib:operator.itemgetter (deny expected)", lambda: operator.itemgetter(1))
    attempt("stdlib:bound-method (deny expected)", lambda: "abc".upper)


def numpy_objects():
    import numpy as np

    dtypes = [
        np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64,
        np.float16, np.float32, np.float64, np.longdouble, np.complex64, np.complex128, np.clongdouble,
        "datetime64[ns]", "datetime64[D]", "timedelta64[ns]", "timedelta64[s]", "U5", "S5", "V4", object,
        ">i4", "<f8", [("x", "<f4"), ("y", "<i8"), ("name", "U3")], np.dtype([("a", "i4"), ("b", "f8")], align=True),
        [("sub", "f4", (2, 2))],
    ]
    for dt in dtypes:
        label = str(np.dtype(dt))
        attempt(f"numpy:ndarray[{label}]", lambda dt=dt: np.zeros((2, 3), dtype=dt))
        attempt(f"numpy:dtype[{label}]", lambda dt=dt: np.dtype(dt))
        attempt(f"numpy:scalar[{label}]", lambda dt=dt: np.zeros(1, dtype=dt)[0])
    attempt("numpy:ndarray(object items)", lambda: np.array([1, "a", None, 2.5, (1, 2)], dtype=object))
    attempt("numpy:ndarray(fortran)", lambda: np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    attempt("numpy:ndarray(0-d)", lambda: np.array(3.5))
    attempt("numpy:ndarray(empty)", lambda: np.empty((0, 4)))
    attempt("numpy:ndarray(view)", lambda: np.arange(10)[::2])
    attempt("numpy:masked_array", lambda: np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]))
    attempt("numpy:masked(structured)", lambda: np.ma.masked_array(np.zeros(2, dtype=[("a", "i4"), ("b", "f8")]), mask=[(0, 1), (1, 0)]))
    attempt("numpy:ma.masked", lambda: np.ma.masked)
    attempt("numpy:matrix", lambda: np.matrix([[1, 2], [3, 4]]))
    attempt("numpy:recarray", lambda: np.rec.array([(1, 2.0), (3, 4.0)], names="a,b"))
    attempt("numpy:record", lambda: np.rec.array([(1, 2.0)], names="a,b")[0])
    attempt("numpy:chararray", lambda: np.char.array(["ab", "cd"]))
    attempt("numpy:random.Generator(PCG64)", lambda: np.random.default_rng(0))
    for bitgen in ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"):
        attempt(f"numpy:random.{bitgen}", lambda bitgen=bitgen: getattr(np.random, bitgen)(1))
        attempt(f"numpy:random.Generator({bitgen})", lambda bitgen=bitgen: np.random.Generator(getattr(np.random, bitgen)(1)))
    attempt("numpy:random.RandomState", lambda: np.random.RandomState(0))
    attempt("numpy:random.SeedSequence", lambda: np.random.SeedSequence(1234))
    attempt("numpy:random state tuple", lambda: np.random.RandomState(0).get_state())
    attempt("numpy:poly1d", lambda: np.poly1d([1, 2, 3]))
    for poly in ("Polynomial", "Chebyshev", "Legendre", "Hermite", "HermiteE", "Laguerre"):
        attempt(f"numpy:polynomial.{poly}", lambda poly=poly: getattr(np.polynomial, poly)([1, 2, 3]))
    attempt("numpy:finfo", lambda: np.finfo(np.float32))
    attempt("numpy:iinfo", lambda: np.iinfo(np.int32))
    attempt("numpy:ufuncs(all)", lambda: sorted({getattr(np, n) for n in dir(np) if isinstance(getattr(np, n), np.ufunc)}, key=lambda u: u.__name__))
    attempt("numpy:scalar types(all)", lambda: sorted(set(np.sctypeDict.values()) | {np.number, np.integer, np.signedinteger, np.unsignedinteger,
                                                                                      np.floating, np.complexfloating, np.inexact, np.flexible,
                                                                                      np.character, np.generic}, key=lambda t: t.__name__))
    attempt("numpy:functions(common)", lambda: [np.mean, np.median, np.sum, np.nanmean])
    attempt("numpy:type-objects", lambda: [np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_, np.object_, np.str_, np.ndarray])


def pandas_objects():
    import datetime
    import numpy as np
    import pandas as pd

    n = 4
    columns = {
        "int": pd.Series(np.arange(n, dtype="int64")),
        "int32": pd.Series(np.arange(n, dtype="int32")),
        "uint8": pd.Series(np.arange(n, dtype="uint8")),
        "float": pd.Series(np.linspace(0, 1, n)),
        "float32": pd.Series(np.linspace(0, 1, n, dtype="float32")),
        "object": pd.Series(["a", "b", None, "d"], dtype=object),
        "bool": pd.Series([True, False, True, False]),
        "category": pd.Series(["x", "y", "x", "z"], dtype="category"),
        "ordered-category": pd.Series(pd.Categorical(["lo", "hi", "lo", "mid"], categories=["lo", "mid", "hi"], ordered=True)),
        "datetime64[ns]": pd.Series(pd.date_range("2024-01-01", periods=n, freq="D")),
        "datetime64[ns, UTC]": pd.Series(pd.date_range("2024-01-01", periods=n, freq="H", tz="UTC")),
        "datetime64[ns, pytz]": pd.Series(pd.date_range("2024-01-01", periods=n, freq="H", tz="US/Eastern")),
        "datetime64[ns, dateutil]": pd.Series(pd.date_range("2024-01-01", periods=n, freq="H", tz="dateutil/Europe/Berlin")),
        "datetime64[ns, zoneinfo]": pd.Series(pd.date_range("2024-01-01", periods=n, freq="H", tz=__import__("zoneinfo").ZoneInfo("Asia/Tokyo"))),
        "datetime64[ns, fixed]": pd.Series(pd.date_range("2024-01-01", periods=n, freq="H", tz=datetime.timezone(datetime.timedelta(hours=3)))),
        "timedelta64[ns]": pd.Series(pd.to_timedelta(np.arange(n), unit="s")),
        "period[M]": pd.Series(pd.period_range("2024-01", periods=n, freq="M")),
        "interval": pd.Series(pd.interval_range(0, n)),
        "Int64": pd.Series([1, None, 3, 4], dtype="Int64"),
        "Int8": pd.Series([1, None, 3, 4], dtype="Int8"),
        "UInt32": pd.Series([1, None, 3, 4], dtype="UInt32"),
        "Float64": pd.Series([1.5, None, 3.0, 4.0], dtype="Float64"),
        "Float32": pd.Series([1.5, None, 3.0, 4.0], dtype="Float32"),
        "boolean": pd.Series([True, None, False, True], dtype="boolean"),
        "string": pd.Series(["a", None, "c", "d"], dtype="string"),
        "Sparse[float64]": pd.Series(pd.arrays.SparseArray([0.0, 0.0, 1.0, 0.0])),
        "Sparse[int64]": pd.Series(pd.arrays.SparseArray([0, 0, 1, 0])),
        "complex": pd.Series(np.arange(n) * 1j),
    }
    for label, series in columns.items():
        attempt(f"pandas:Series[{label}]", lambda s=series: s)
        attempt(f"pandas:DataFrame[{label}]", lambda s=series, label=label: pd.DataFrame({label: s, "other": np.arange(n)}))
        attempt(f"pandas:Index[{label}]", lambda s=series: pd.Index(s))
        attempt(f"pandas:array[{label}]", lambda s=series: s.array)
    attempt("pandas:DataFrame(all dtypes)", lambda: pd.DataFrame(columns), joblib_dump=True)
    attempt("pandas:DataFrame(MultiIndex)", lambda: pd.DataFrame({"v": range(4)}, index=pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["k", "n"])))
    attempt("pandas:DataFrame(MultiIndex columns)", lambda: pd.DataFrame(np.zeros((2, 4)), columns=pd.MultiIndex.from_product([["a", "b"], ["x", "y"]])))
    attempt("pandas:DataFrame(attrs,flags)", lambda: pd.DataFrame({"a": [1]}).set_flags(allows_duplicate_labels=False))
    attempt("pandas:RangeIndex", lambda: pd.RangeIndex(0, 10, 2))
    attempt("pandas:Int64Index", lambda: pd.Index([1, 2, 3]))
    attempt("pandas:UInt64Index", lambda: pd.Index(np.array([1, 2], dtype="uint64")))
    attempt("pandas:Float64Index", lambda: pd.Index([1.5, 2.5]))
    attempt("pandas:CategoricalIndex", lambda: pd.CategoricalIndex(["a", "b", "a"]))
    attempt("pandas:DatetimeIndex(freq)", lambda: pd.date_range("2024-01-01", periods=3, freq="B"))
    attempt("pandas:DatetimeIndex(tz)", lambda: pd.date_range("2024-01-01", periods=3, freq="D", tz="Europe/Paris"))
    attempt("pandas:TimedeltaIndex", lambda: pd.timedelta_range("1 day", periods=3))
    attempt("pandas:PeriodIndex", lambda: pd.period_range("2024Q1", periods=3, freq="Q"))
    attempt("pandas:IntervalIndex", lambda: pd.interval_range(0, 3, closed="left"))
    attempt("pandas:MultiIndex", lambda: pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["x", "y"]))
    attempt("pandas:Timestamp", lambda: pd.Timestamp("2024-01-02 03:04:05"))
    attempt("pandas:Timestamp(tz)", lambda: pd.Timestamp("2024-01-02", tz="UTC"))
    attempt("pandas:Timestamp(pytz)", lambda: pd.Timestamp("2024-01-02", tz="US/Pacific"))
    attempt("pandas:Timedelta", lambda: pd.Timedelta("1 days 2 hours"))
    attempt("pandas:Period", lambda: pd.Period("2024-03", freq="M"))
    attempt("pandas:Interval", lambda: pd.Interval(0, 1, closed="both"))
    attempt("pandas:NaT", lambda: pd.NaT)
    attempt("pandas:NA", lambda: pd.NA)
    attempt("pandas:Categorical", lambda: pd.Categorical(["a", "b"], categories=["b", "a"], ordered=True))
    offsets = pd.tseries.offsets
    for name in sorted(dir(offsets)):
        cls = getattr(offsets, name)
        if isinstance(cls, type) and issubclass(cls, offsets.BaseOffset) and not name.startswith("_"):
            attempt(f"pandas:offsets.{name}", lambda cls=cls: cls())
    attempt("pandas:DateOffset(months)", lambda: pd.DateOffset(months=2, days=1))
    attempt("pandas:Timestamp(dateutil UTC)", lambda: pd.Timestamp("2024-01-02", tz="dateutil/UTC"))
    attempt("pandas:Timestamp(dateutil tzoffset)", lambda: pd.Timestamp("2024-01-02", tz=__import__("dateutil.tz").tz.tzoffset("X", 3600)))
    attempt("pandas:Timestamp(dateutil tzutc)", lambda: pd.Timestamp("2024-01-02", tz=__import__("dateutil.tz").tz.tzutc()))
    attempt("pandas:Timestamp(pytz FixedOffset)", lambda: pd.Timestamp("2024-01-02", tz=__import__("pytz").FixedOffset(90)))
    attempt("pandas:Series(pytz FixedOffset)", lambda: pd.Series(pd.date_range("2024-01-01", periods=2, tz=__import__("pytz").FixedOffset(90))))
    attempt("pandas:dtypes", lambda: [pd.CategoricalDtype(["a"]), pd.DatetimeTZDtype(tz="UTC"), pd.PeriodDtype("D"),
                                      pd.IntervalDtype("int64"), pd.SparseDtype("float64"), pd.Int64Dtype(), pd.StringDtype(),
                                      pd.BooleanDtype(), pd.Float64Dtype(), pd.UInt8Dtype()])


def scipy_objects():
    import numpy as np
    import scipy
    import scipy.interpolate as si
    import scipy.optimize
    import scipy.sparse as sp
    import scipy.spatial as ss
    import scipy.stats as st
    from scipy.spatial.transform import Rotation

    dense = np.array([[1.0, 0.0, 2.0, 0.0], [0.0, 0.0, 3.0, 0.0], [4.0, 5.0, 0.0, 0.0], [0.0, 0.0, 0.0, 6.0]])
    for fmt in ("csr", "csc", "coo", "bsr", "dia", "dok", "lil"):
        attempt(f"scipy:{fmt}_matrix", lambda fmt=fmt: getattr(sp, f"{fmt}_matrix")(dense))
        attempt(f"scipy:{fmt}_array", lambda fmt=fmt: getattr(sp, f"{fmt}_array")(dense))
    attempt("scipy:csr_matrix(int32 idx, bool)", lambda: sp.csr_matrix(dense > 1))
    attempt("scipy:stats.norm(frozen)", lambda: st.norm(loc=1, scale=2))
    attempt("scipy:stats.poisson(frozen)", lambda: st.poisson(3))
    attempt("scipy:stats.norm(generic)", lambda: st.norm)
    attempt("scipy:stats.multivariate_normal", lambda: st.multivariate_normal([0, 0], [[1, 0], [0, 1]]))
    attempt("scipy:stats.gaussian_kde", lambda: st.gaussian_kde(np.random.RandomState(0).randn(2, 20)))
    attempt("scipy:stats.rv_histogram", lambda: st.rv_histogram(np.histogram([1, 2, 2, 3, 3, 3])))
    pts = np.random.RandomState(0).rand(20, 2)
    attempt("scipy:spatial.KDTree", lambda: ss.KDTree(pts))
    attempt("scipy:spatial.cKDTree", lambda: ss.cKDTree(pts))
    attempt("scipy:spatial.Delaunay", lambda: ss.Delaunay(pts))
    attempt("scipy:spatial.ConvexHull", lambda: ss.ConvexHull(pts))
    attempt("scipy:spatial.transform.Rotation", lambda: Rotation.from_euler("xyz", [10, 20, 30], degrees=True))
    x = np.linspace(0, 10, 11)
    y = np.sin(x)
    attempt("scipy:interpolate.interp1d", lambda: si.interp1d(x, y))
    attempt("scipy:interpolate.interp1d(cubic)", lambda: si.interp1d(x, y, kind="cubic"))
    attempt("scipy:interpolate.UnivariateSpline", lambda: si.UnivariateSpline(x, y))
    attempt("scipy:interpolate.InterpolatedUnivariateSpline", lambda: si.InterpolatedUnivariateSpline(x, y))
    attempt("scipy:interpolate.CubicSpline", lambda: si.CubicSpline(x, y))
    attempt("scipy:interpolate.PchipInterpolator", lambda: si.PchipInterpolator(x, y))
    attempt("scipy:interpolate.Akima1DInterpolator", lambda: si.Akima1DInterpolator(x, y))
    attempt("scipy:interpolate.BSpline", lambda: si.make_interp_spline(x, y))
    attempt("scipy:interpolate.PPoly", lambda: si.PPoly.from_spline(si.splrep(x, y)))
    attempt("scipy:interpolate.BPoly", lambda: si.BPoly.from_derivatives([0, 1], [[1, 2], [3, 4]]))
    attempt("scipy:interpolate.splrep", lambda: si.splrep(x, y))
    attempt("scipy:interpolate.RegularGridInterpolator", lambda: si.RegularGridInterpolator((x, x), np.outer(y, y)))
    attempt("scipy:interpolate.RBFInterpolator", lambda: si.RBFInterpolator(pts, pts[:, 0]))
    attempt("scipy:interpolate.Rbf", lambda: si.Rbf(pts[:, 0], pts[:, 1], pts[:, 0]))
    attempt("scipy:interpolate.NearestNDInterpolator", lambda: si.NearestNDInterpolator(pts, pts[:, 0]))
    attempt("scipy:interpolate.LinearNDInterpolator", lambda: si.LinearNDInterpolator(pts, pts[:, 0]))
    attempt("scipy:interpolate.CloughTocher2DInterpolator", lambda: si.CloughTocher2DInterpolator(pts, pts[:, 0]))
    attempt("scipy:interpolate.RectBivariateSpline", lambda: si.RectBivariateSpline(x, x, np.outer(y, y)))
    attempt("scipy:interpolate.SmoothBivariateSpline", lambda: si.SmoothBivariateSpline(pts[:, 0], pts[:, 1], pts[:, 0] * pts[:, 1]))
    attempt("scipy:optimize.OptimizeResult", lambda: scipy.optimize.minimize(lambda v: float((v ** 2).sum()), np.ones(2)))


def sklearn_objects():
    import numpy as np
    import pandas as pd
    from sklearn.experimental import enable_halving_search_cv, enable_iterative_imputer  # noqa: F401
    from sklearn.utils import all_estimators
    from sklearn.utils.estimator_checks import _construct_instance

    rng = np.random.RandomState(0)
    X = rng.rand(60, 5) + 0.01
    y_cls = np.array([0, 1, 2] * 20)
    y_bin = np.array([0, 1] * 30)
    y_reg = X[:, 0] * 3.0 + rng.rand(60) * 0.1
    Y2 = np.c_[y_bin, 1 - y_bin]
    Y2reg = np.c_[y_reg, y_reg * 2]
    docs = ["the cat sat", "the dog ran", "a cat and a dog", "birds fly high", "the bird sat"] * 12
    dicts = [{"a": 1, "b": 2}, {"a": 3, "c": 1}] * 30

    def fit_candidates(est):
        from sklearn.base import is_classifier, is_regressor
        tags = est._get_tags()
        x_types = tags.get("X_types", ["2darray"])
        if "string" in x_types and "2darray" not in x_types:
            return [(docs,), (docs, y_bin)]
        if "dict" in x_types:
            return [(dicts,)]
        if "1dlabels" in x_types:
            return [(y_cls,)]
        if "2dlabels" in x_types:
            return [([[1, 2], [3]] * 30,)]
        if tags.get("multioutput_only"):
            return [(X, Y2reg), (X, Y2)] if is_regressor(est) else [(X, Y2), (X, Y2reg)]
        if is_classifier(est):
            return [(X, y_cls), (X, y_bin), (X, Y2)]
        if is_regressor(est):
            return [(X, y_reg), (X[:, 0], y_reg), (X, Y2reg)]
        return [(X,), (X, y_cls), (X, y_reg), (X, Y2reg), (X[:, 0], y_reg)]

    from sklearn.linear_model import LogisticRegression as _LR
    overrides = {  # estimators whose defaults cannot be fitted on the tiny data
        "SelectKBest": lambda Est: Est(k=2),
        "GaussianRandomProjection": lambda Est: Est(n_components=2),
        "SparseRandomProjection": lambda Est: Est(n_components=2),
        "SparseCoder": lambda Est: Est(dictionary=np.eye(5)[:3]),
        "GridSearchCV": lambda Est: Est(_LR(), {"C": [0.5, 1.0]}, cv=3),
        "RandomizedSearchCV": lambda Est: Est(_LR(), {"C": [0.5, 1.0]}, n_iter=2, cv=3),
        "HalvingGridSearchCV": lambda Est: Est(_LR(), {"C": [0.5, 1.0]}, cv=3),
        "HalvingRandomSearchCV": lambda Est: Est(_LR(), {"C": [0.5, 1.0]}, cv=3),
    }
    from sklearn.preprocessing import StandardScaler as _SS
    overrides["Pipeline"] = lambda Est: Est([("scale", _SS()), ("clf", _LR())])
    overrides["FeatureUnion"] = lambda Est: Est([("a", _SS()), ("b", _SS())])
    overrides["ColumnTransformer"] = lambda Est: Est([("a", _SS(), [0, 1])], remainder="drop")

    def fitted(Est, name):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            est = overrides[name](Est) if name in overrides else _construct_instance(Est)
        if name == "KernelCenterer":
            observe(f"sklearn:{name}(unfitted)", est)
            return est.fit(X @ X.T)
        if name == "MissingIndicator":
            observe(f"sklearn:{name}(unfitted)", est)
            Xn = X.copy()
            Xn[::4, 1] = np.nan
            return est.fit(Xn)
        observe(f"sklearn:{name}(unfitted)", est)
        last = None
        for args in fit_candidates(est):
            try:
                with contextlib.redirect_stdout(sys.stderr), warnings.catch_warnings(), time_limit(120):
                    warnings.simplefilter("ignore")
                    est.fit(*args)
                return est
            except Exception as exc:
                last = exc
        raise last or RuntimeError("no fit candidate")

    estimators = all_estimators()
    log(f"sklearn: {len(estimators)} estimators")
    for name, Est in estimators:
        try:
            est = fitted(Est, name)
        except Exception as exc:
            FAILURES.append(f"sklearn:{name} fit: {type(exc).__name__}: {one_line(exc)}")
            OBSERVED[f"{Est.__module__}.{Est.__qualname__}"][f"sklearn:{name}(class only)"].add("all_estimators")
            continue
        observe(f"sklearn:{name}(fitted)", est, joblib_dump=True)

    from sklearn.compose import ColumnTransformer, TransformedTargetRegressor, make_column_selector
    from sklearn.decomposition import PCA
    from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor, HistGradientBoostingClassifier,
                                  HistGradientBoostingRegressor, RandomForestClassifier)
    from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
    from sklearn.feature_selection import SelectKBest
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.metrics import DistanceMetric, make_scorer, f1_score
    from sklearn.model_selection import GridSearchCV, KFold, RandomizedSearchCV, StratifiedKFold
    from sklearn.neighbors import BallTree, KDTree, KNeighborsClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
    from sklearn.svm import SVC
    from sklearn.gaussian_process import kernels

    attempt("sklearn:TfidfVectorizer", lambda: TfidfVectorizer().fit(docs), joblib_dump=True)
    attempt("sklearn:TfidfVectorizer(char,ngrams)", lambda: TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), dtype=np.float32).fit(docs))
    attempt("sklearn:CountVectorizer", lambda: CountVectorizer(min_df=1, binary=True).fit(docs))
    attempt("sklearn:HashingVectorizer", lambda: HashingVectorizer(n_features=32).fit(docs))
    attempt("sklearn:Pipeline", lambda: Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())]).fit(X, y_cls), joblib_dump=True)
    attempt("sklearn:make_pipeline(text)", lambda: make_pipeline(TfidfVectorizer(), SGDClassifier()).fit(docs, y_bin))
    frame = pd.DataFrame({"num": X[:, 0], "num2": X[:, 1], "cat": ["a", "b", "c"] * 20})
    attempt("sklearn:ColumnTransformer", lambda: ColumnTransformer(
        [("num", StandardScaler(), ["num", "num2"]), ("cat", OneHotEncoder(handle_unknown="ignore"), ["cat"])]).fit(frame), joblib_dump=True)
    attempt("sklearn:ColumnTransformer(selector)", lambda: ColumnTransformer(
        [("num", StandardScaler(), make_column_selector(dtype_include=np.number))], remainder="passthrough").fit(frame))
    attempt("sklearn:Pipeline(ColumnTransformer)", lambda: make_pipeline(ColumnTransformer(
        [("cat", OneHotEncoder(), ["cat"])], remainder=StandardScaler()), LogisticRegression()).fit(frame, y_cls))
    attempt("sklearn:FeatureUnion", lambda: FeatureUnion([("pca", PCA(n_components=2)), ("kbest", SelectKBest(k=2))]).fit(X, y_cls))
    attempt("sklearn:GridSearchCV", lambda: GridSearchCV(SVC(), {"C": [0.1, 1.0], "kernel": ["rbf", "linear"]}, cv=3).fit(X, y_cls), joblib_dump=True)
    attempt("sklearn:GridSearchCV(scorer,kfold)", lambda: GridSearchCV(LogisticRegression(), {"C": [1.0]}, cv=StratifiedKFold(3), scoring=make_scorer(f1_score, average="macro")).fit(X, y_cls))
    attempt("sklearn:RandomizedSearchCV", lambda: RandomizedSearchCV(LogisticRegression(), {"C": [0.1, 1.0, 10.0]}, n_iter=2, cv=KFold(3), random_state=0).fit(X, y_cls))
    from sklearn.metrics import get_scorer, get_scorer_names
    for scorer_name in get_scorer_names():
        attempt(f"sklearn:scorer[{scorer_name}]", lambda scorer_name=scorer_name: get_scorer(scorer_name))
    from sklearn import feature_selection as fs
    attempt("sklearn:feature_selection score functions", lambda: [fs.chi2, fs.f_classif, fs.f_regression, fs.mutual_info_classif,
                                                                   fs.mutual_info_regression, fs.r_regression, fs.f_oneway])
    attempt("sklearn:SelectKBest(chi2)", lambda: SelectKBest(fs.chi2, k=2).fit(X, y_cls))
    attempt("sklearn:FunctionTransformer(np.log1p)", lambda: FunctionTransformer(np.log1p, inverse_func=np.expm1).fit(X))
    attempt("sklearn:TransformedTargetRegressor(log)", lambda: TransformedTargetRegressor(func=np.log, inverse_func=np.exp).fit(X, y_reg + 1))
    for loss in ("log_loss", "exponential"):
        attempt(f"sklearn:GradientBoostingClassifier({loss})", lambda loss=loss: GradientBoostingClassifier(loss=loss, n_estimators=3).fit(X, y_bin))
    for loss in ("squared_error", "absolute_error", "huber", "quantile"):
        attempt(f"sklearn:GradientBoostingRegressor({loss})", lambda loss=loss: GradientBoostingRegressor(loss=loss, n_estimators=3).fit(X, y_reg))
    attempt("sklearn:GradientBoostingClassifier(multiclass)", lambda: GradientBoostingClassifier(n_estimators=3).fit(X, y_cls))
    for loss in ("squared_error", "absolute_error", "poisson", "quantile"):
        kwargs = {"quantile": 0.5} if loss == "quantile" else {}
        attempt(f"sklearn:HistGradientBoostingRegressor({loss})", lambda loss=loss, kwargs=kwargs: HistGradientBoostingRegressor(loss=loss, max_iter=3, **kwargs).fit(X, y_reg))
    attempt("sklearn:HistGradientBoostingClassifier(binary,categorical)", lambda: HistGradientBoostingClassifier(max_iter=3, categorical_features=[True, False, False, False, False]).fit(np.c_[np.arange(60) % 3, X[:, 1:]], y_bin))
    attempt("sklearn:HistGradientBoostingClassifier(multiclass)", lambda: HistGradientBoostingClassifier(max_iter=3).fit(X, y_cls))
    attempt("sklearn:HistGradientBoostingRegressor(monotonic)", lambda: HistGradientBoostingRegressor(max_iter=3, monotonic_cst=[1, 0, 0, 0, -1]).fit(X, y_reg))
    attempt("sklearn:RandomForestClassifier(entropy)", lambda: RandomForestClassifier(n_estimators=3, criterion="entropy").fit(X, y_cls))
    for algo in ("kd_tree", "ball_tree", "brute"):
        attempt(f"sklearn:KNeighborsClassifier({algo})", lambda algo=algo: KNeighborsClassifier(algorithm=algo).fit(X, y_cls))
    metric_names = ["euclidean", "manhattan", "chebyshev", "minkowski", "seuclidean", "mahalanobis", "hamming",
                    "canberra", "braycurtis", "jaccard", "matching", "dice", "kulsinski", "rogerstanimoto",
                    "russellrao", "sokalmichener", "sokalsneath", "haversine", "infinity", "l1", "l2", "p",
                    "cityblock", "wminkowski"]
    for metric in metric_names:
        kwargs = {}
        if metric == "seuclidean":
            kwargs = {"V": np.ones(2)}
        elif metric == "mahalanobis":
            kwargs = {"VI": np.eye(2)}
        elif metric in ("minkowski", "p"):
            kwargs = {"p": 3}
        elif metric == "wminkowski":
            kwargs = {"p": 3, "w": np.ones(2)}
        attempt(f"sklearn:DistanceMetric({metric})", lambda metric=metric, kwargs=kwargs: DistanceMetric.get_metric(metric, **kwargs))
        attempt(f"sklearn:BallTree({metric})", lambda metric=metric, kwargs=kwargs: BallTree(X[:, :2], metric=metric, **kwargs))
        attempt(f"sklearn:KDTree({metric})", lambda metric=metric, kwargs=kwargs: KDTree(X[:, :2], metric=metric, **kwargs))
    for kname in dir(kernels):
        kcls = getattr(kernels, kname)
        if isinstance(kcls, type) and issubclass(kcls, kernels.Kernel) and not kname.startswith("_"):
            attempt(f"sklearn:gaussian_process.kernels.{kname}", lambda kcls=kcls: kcls() if kcls not in (kernels.Sum, kernels.Product, kernels.Exponentiation, kernels.CompoundKernel) else
                    {kernels.Sum: lambda: kernels.RBF() + kernels.WhiteKernel(), kernels.Product: lambda: kernels.ConstantKernel() * kernels.RBF(),
                     kernels.Exponentiation: lambda: kernels.RBF() ** 2, kernels.CompoundKernel: lambda: kernels.CompoundKernel([kernels.RBF()])}[kcls]())
    try:
        from sklearn._loss import loss as sk_loss
        for lname in dir(sk_loss):
            lcls = getattr(sk_loss, lname)
            if isinstance(lcls, type) and lname[0].isupper() and lname not in ("Interval",):
                args = {"CyHalfTweedieLoss": (1.5,), "CyHalfTweedieLossIdentity": (1.5,), "CyPinballLoss": (0.5,)}.get(lname, ())
                attempt(f"sklearn:_loss.{lname}", lambda lcls=lcls, args=args: lcls(*args))
    except Exception as exc:
        FAILURES.append(f"sklearn:_loss: {exc}")


def xgboost_objects():
    import numpy as np
    import xgboost as xgb

    rng = np.random.RandomState(0)
    X = rng.rand(40, 4)
    y = np.array([0, 1] * 20)
    yr = X[:, 0]
    attempt("xgboost:Booster", lambda: xgb.train({"max_depth": 2}, xgb.DMatrix(X, label=y), num_boost_round=2), joblib_dump=True)
    attempt("xgboost:XGBClassifier", lambda: xgb.XGBClassifier(n_estimators=2).fit(X, y), joblib_dump=True)
    attempt("xgboost:XGBClassifier(multiclass)", lambda: xgb.XGBClassifier(n_estimators=2).fit(X, np.arange(40) % 3))
    attempt("xgboost:XGBRegressor", lambda: xgb.XGBRegressor(n_estimators=2).fit(X, yr), joblib_dump=True)
    attempt("xgboost:XGBRanker", lambda: xgb.XGBRanker(n_estimators=2).fit(X, np.arange(40) % 3, group=[20, 20]))
    attempt("xgboost:XGBRFClassifier", lambda: xgb.XGBRFClassifier(n_estimators=2).fit(X, y))
    attempt("xgboost:XGBRFRegressor", lambda: xgb.XGBRFRegressor(n_estimators=2).fit(X, yr))
    attempt("xgboost:XGBClassifier(unfitted)", lambda: xgb.XGBClassifier())


def torch_objects():
    import collections
    import torch
    import torch.nn as nn

    global SubTensor

    class SubTensor(torch.Tensor):  # a tensor subclass importable as <this module>.SubTensor
        pass

    SubTensor.__qualname__ = "SubTensor"

    dtypes = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int8, torch.int16, torch.int32,
              torch.int64, torch.uint8, torch.bool, torch.complex64, torch.complex128]
    for dt in dtypes:
        attempt(f"torch:tensor[{dt}]", lambda dt=dt: torch.zeros(2, 3, dtype=dt), torch_save=True)
        attempt(f"torch:dtype[{dt}]", lambda dt=dt: dt)
    attempt("torch:tensor(requires_grad)", lambda: torch.ones(3, requires_grad=True), torch_save=True)
    attempt("torch:tensor(view,strided)", lambda: torch.arange(12.0).reshape(3, 4).t(), torch_save=True)
    attempt("torch:tensor(channels_last)", lambda: torch.zeros(1, 2, 3, 3).to(memory_format=torch.channels_last), torch_save=True)
    attempt("torch:tensor(with __dict__)", lambda: (lambda t: (setattr(t, "tag", "x"), t)[1])(torch.ones(2)), torch_save=True)
    attempt("torch:tensor(meta)", lambda: torch.empty(2, 3, device="meta"), torch_save=True)
    attempt("torch:sparse_coo", lambda: torch.eye(3).to_sparse(), torch_save=True)
    attempt("torch:sparse_csr", lambda: torch.eye(3).to_sparse_csr(), torch_save=True)
    attempt("torch:quantized(per_tensor)", lambda: torch.quantize_per_tensor(torch.rand(4), 0.1, 10, torch.quint8), torch_save=True)
    attempt("torch:quantized(qint8)", lambda: torch.quantize_per_tensor(torch.rand(4), 0.1, 0, torch.qint8), torch_save=True)
    attempt("torch:quantized(qint32)", lambda: torch.quantize_per_tensor(torch.rand(4), 0.1, 0, torch.qint32), torch_save=True)
    attempt("torch:quantized(per_channel)", lambda: torch.quantize_per_channel(torch.rand(2, 3), torch.tensor([0.1, 0.2]), torch.tensor([0, 1]), 0, torch.quint8), torch_save=True)
    attempt("torch:Parameter", lambda: nn.Parameter(torch.ones(2)), torch_save=True)
    attempt("torch:Parameter(with state)", lambda: (lambda p: (setattr(p, "extra", 1), p)[1])(nn.Parameter(torch.ones(2))), torch_save=True)
    attempt("torch:Parameter(no grad)", lambda: nn.Parameter(torch.ones(2), requires_grad=False), torch_save=True)
    attempt("torch:Size", lambda: torch.Size([2, 3]), torch_save=True)
    attempt("torch:device", lambda: [torch.device("cpu"), torch.device("cuda", 0), torch.device("meta")], torch_save=True)
    attempt("torch:memory_format", lambda: [torch.contiguous_format, torch.channels_last, torch.preserve_format, torch.channels_last_3d])
    attempt("torch:layout", lambda: [torch.strided, torch.sparse_coo, torch.sparse_csr])
    attempt("torch:qscheme", lambda: [torch.per_tensor_affine, torch.per_channel_affine, torch.per_tensor_symmetric])
    for storage in ("FloatStorage", "DoubleStorage", "HalfStorage", "BFloat16Storage", "LongStorage", "IntStorage",
                    "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage", "ComplexFloatStorage", "ComplexDoubleStorage"):
        attempt(f"torch:{storage}", lambda storage=storage: getattr(torch, storage)(4), torch_save=True)
    attempt("torch:UntypedStorage", lambda: torch.UntypedStorage(4) if hasattr(torch, "UntypedStorage") else torch._UntypedStorage(4), torch_save=True)
    attempt("torch:Generator state", lambda: torch.Generator().get_state(), torch_save=True)
    attempt("torch:Generator", lambda: torch.Generator())

    # torch.nn modules: every public class, tried with a few simple argument sets.
    arg_sets = [(), (4,), (4, 4), (4, 4, 3), (4, 2), (2,), ((2, 2),), (4, 4, 4)]
    special = {
        "Transformer": lambda: nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=16),
        "TransformerEncoderLayer": lambda: nn.TransformerEncoderLayer(8, 2, 16),
        "TransformerDecoderLayer": lambda: nn.TransformerDecoderLayer(8, 2, 16),
        "TransformerEncoder": lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, activation="gelu"), 2),
        "TransformerDecoder": lambda: nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, 16), 1),
        "MultiheadAttention": lambda: nn.MultiheadAttention(8, 2),
        "Sequential": lambda: nn.Sequential(nn.Linear(4, 4), nn.ReLU()),
        "ModuleList": lambda: nn.ModuleList([nn.Linear(2, 2)]),
        "ModuleDict": lambda: nn.ModuleDict({"a": nn.Linear(2, 2)}),
        "ParameterList": lambda: nn.ParameterList([nn.Parameter(torch.ones(2))]),
        "ParameterDict": lambda: nn.ParameterDict({"p": nn.Parameter(torch.ones(2))}),
        "Embedding": lambda: nn.Embedding(10, 4, padding_idx=0),
        "EmbeddingBag": lambda: nn.EmbeddingBag(10, 4),
        "AdaptiveLogSoftmaxWithLoss": lambda: nn.AdaptiveLogSoftmaxWithLoss(8, 10, [4]),
        "Bilinear": lambda: nn.Bilinear(2, 3, 4),
        "Unflatten": lambda: nn.Unflatten(1, (2, 2)),
        "Fold": lambda: nn.Fold((4, 4), 2),
        "Unfold": lambda: nn.Unfold(2),
        "Upsample": lambda: nn.Upsample(scale_factor=2),
        "CrossMapLRN2d": lambda: nn.CrossMapLRN2d(3),
        "LocalResponseNorm": lambda: nn.LocalResponseNorm(2),
        "GroupNorm": lambda: nn.GroupNorm(2, 4),
        "LayerNorm": lambda: nn.LayerNorm(4),
        "PixelShuffle": lambda: nn.PixelShuffle(2),
        "PixelUnshuffle": lambda: nn.PixelUnshuffle(2),
        "ChannelShuffle": lambda: nn.ChannelShuffle(2),
        "RNN": lambda: nn.RNN(4, 4),
        "LSTM": lambda: nn.LSTM(4, 4, num_layers=2, bidirectional=True, proj_size=2),
        "GRU": lambda: nn.GRU(4, 4, batch_first=True),
        "Softmax2d": lambda: nn.Softmax2d(),
        "Threshold": lambda: nn.Threshold(0.1, 0.0),
        "LPPool1d": lambda: nn.LPPool1d(2, 2),
        "LPPool2d": lambda: nn.LPPool2d(2, 2),
        "MaxUnpool1d": lambda: nn.MaxUnpool1d(2),
        "FractionalMaxPool2d": lambda: nn.FractionalMaxPool2d(2, output_size=2),
        "FractionalMaxPool3d": lambda: nn.FractionalMaxPool3d(2, output_size=2),
        "ConstantPad1d": lambda: nn.ConstantPad1d(1, 0.0),
        "ConstantPad2d": lambda: nn.ConstantPad2d(1, 0.0),
        "ConstantPad3d": lambda: nn.ConstantPad3d(1, 0.0),
        "TripletMarginWithDistanceLoss": lambda: nn.TripletMarginWithDistanceLoss(),
    }
    for name in sorted(dir(nn)):
        cls = getattr(nn, name)
        if not (isinstance(cls, type) and issubclass(cls, nn.Module)):
            continue
        if name in special:
            factories = [special[name]]
        else:
            factories = [lambda cls=cls, args=args: cls(*args) for args in arg_sets]
        for factory in factories:
            obj = None
            try:
                with warnings.catch_warnings(), contextlib.redirect_stdout(sys.stderr):
                    warnings.simplefilter("ignore")
                    obj = factory()
            except Exception:
                continue
            observe(f"torch:nn.{name}", obj, torch_save=True)
            try:
                observe(f"torch:nn.{name}.state_dict", obj.state_dict(), torch_save=True)
            except Exception as exc:
                FAILURES.append(f"torch:nn.{name}.state_dict: {exc}")
            break
        else:
            FAILURES.append(f"torch:nn.{name}: could not construct")
            OBSERVED[f"{cls.__module__}.{cls.__qualname__}"][f"torch:nn.{name}(class only)"].add("dir(torch.nn)")

    # Quantized / intrinsic modules (best effort).
    try:
        import torch.ao.nn.quantized as nnq
        attempt("torch:ao.nn.quantized.Linear", lambda: nnq.Linear(4, 4), torch_save=True)
        attempt("torch:ao.nn.quantized.Linear.state_dict", lambda: nnq.Linear(4, 4).state_dict(), torch_save=True)
        attempt("torch:ao.nn.quantized.Conv2d", lambda: nnq.Conv2d(2, 2, 3), torch_save=True)
    except Exception as exc:
        FAILURES.append(f"torch:quantized modules: {exc}")

    # Optimisers and LR schedulers.
    model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 1))
    optims = {
        "SGD": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), "Adam": lambda p: torch.optim.Adam(p),
        "AdamW": lambda p: torch.optim.AdamW(p), "Adagrad": lambda p: torch.optim.Adagrad(p),
        "Adadelta": lambda p: torch.optim.Adadelta(p), "Adamax": lambda p: torch.optim.Adamax(p),
        "ASGD": lambda p: torch.optim.ASGD(p), "NAdam": lambda p: torch.optim.NAdam(p),
        "RAdam": lambda p: torch.optim.RAdam(p), "RMSprop": lambda p: torch.optim.RMSprop(p),
        "Rprop": lambda p: torch.optim.Rprop(p), "LBFGS": lambda p: torch.optim.LBFGS(p),
    }
    for name, factory in optims.items():
        def build(factory=factory):
            opt = factory(model.parameters())
            def closure():
                opt.zero_grad()
                loss = model(torch.ones(2, 4)).sum()
                loss.backward()
                return loss
            opt.step(closure)
            return opt
        opt = attempt(f"torch:optim.{name}", build, torch_save=True)
        if opt is not None:
            attempt(f"torch:optim.{name}.state_dict", lambda opt=opt: opt.state_dict(), torch_save=True)
    sched = torch.optim.lr_scheduler
    base_opt = torch.optim.SGD(model.parameters(), lr=0.1)
    schedulers = {
        "StepLR": lambda o: sched.StepLR(o, 2), "MultiStepLR": lambda o: sched.MultiStepLR(o, [1, 2]),
        "ExponentialLR": lambda o: sched.ExponentialLR(o, 0.9), "CosineAnnealingLR": lambda o: sched.CosineAnnealingLR(o, 10),
        "ReduceLROnPlateau": lambda o: sched.ReduceLROnPlateau(o), "CyclicLR": lambda o: sched.CyclicLR(o, 0.01, 0.1),
        "OneCycleLR": lambda o: sched.OneCycleLR(o, 0.1, total_steps=10), "ConstantLR": lambda o: sched.ConstantLR(o),
        "LinearLR": lambda o: sched.LinearLR(o), "PolynomialLR": lambda o: sched.PolynomialLR(o) if hasattr(sched, "PolynomialLR") else sched.LinearLR(o),
        "CosineAnnealingWarmRestarts": lambda o: sched.CosineAnnealingWarmRestarts(o, 5),
        "LambdaLR": lambda o: sched.LambdaLR(o, lambda e: 0.9 ** e), "MultiplicativeLR": lambda o: sched.MultiplicativeLR(o, lambda e: 0.9),
        "SequentialLR": lambda o: sched.SequentialLR(o, [sched.ConstantLR(o), sched.ExponentialLR(o, 0.9)], milestones=[2]),
        "ChainedScheduler": lambda o: sched.ChainedScheduler([sched.ConstantLR(o), sched.ExponentialLR(o, 0.9)]),
    }
    for name, factory in schedulers.items():
        attempt(f"torch:lr_scheduler.{name}.state_dict", lambda factory=factory: factory(base_opt).state_dict(), torch_save=True)
        if name not in ("LambdaLR", "MultiplicativeLR"):
            attempt(f"torch:lr_scheduler.{name}", lambda factory=factory: factory(base_opt))

    # Typical checkpoints.
    attempt("torch:checkpoint(dict)", lambda: {
        "epoch": 3, "model": model.state_dict(), "optimizer": torch.optim.Adam(model.parameters()).state_dict(),
        "rng": torch.get_rng_state(), "args": __import__("argparse").Namespace(lr=0.1),
        "metrics": collections.OrderedDict(loss=0.5)}, torch_save=True)
    attempt("torch:whole model", lambda: model, torch_save=True)
    attempt("torch:weight_norm(Linear)", lambda: torch.nn.utils.weight_norm(nn.Linear(4, 4)), torch_save=True)
    attempt("torch:spectral_norm(Linear)", lambda: torch.nn.utils.spectral_norm(nn.Linear(4, 4)), torch_save=True)
    try:
        import torch.nn.utils.parametrizations as P
        attempt("torch:parametrizations.orthogonal", lambda: P.orthogonal(nn.Linear(4, 4)), torch_save=True)
    except Exception as exc:
        FAILURES.append(f"torch:parametrizations: {exc}")
    attempt("torch:PackedSequence", lambda: torch.nn.utils.rnn.pack_sequence([torch.ones(3, 2), torch.ones(2, 2)]), torch_save=True)
    attempt("torch:Tensor subclass", lambda: torch.ones(2).as_subclass(SubTensor), torch_save=True)
    attempt("torch:legacy tensor types", lambda: sorted(torch._tensor_classes, key=str) + [torch.Tensor])
    attempt("torch:storage classes", lambda: sorted(torch._storage_classes, key=str))
    attempt("torch:all dtypes", lambda: sorted({v for v in vars(torch).values() if isinstance(v, torch.dtype)}, key=str))
    attempt("torch:all qschemes", lambda: sorted({v for v in vars(torch).values() if isinstance(v, torch.qscheme)}, key=str))
    attempt("torch:all layouts", lambda: sorted({v for v in vars(torch).values() if isinstance(v, torch.layout)}, key=str))
    F = torch.nn.functional
    attempt("torch:nn.functional activations", lambda: [getattr(F, n) for n in (
        "relu", "gelu", "silu", "elu", "leaky_relu", "softplus", "mish", "hardswish", "hardsigmoid", "sigmoid", "tanh",
        "softmax", "log_softmax", "relu6", "selu", "celu", "glu", "hardtanh", "logsigmoid", "tanhshrink", "softsign",
        "softmin", "prelu", "rrelu", "threshold", "softshrink", "hardshrink") if hasattr(F, n)])
    attempt("torch:GradScaler.state_dict", lambda: torch.cuda.amp.GradScaler(enabled=False).state_dict(), torch_save=True)
    try:
        import torch.distributions as D
        attempt("torch:distributions.Normal", lambda: D.Normal(torch.zeros(2), torch.ones(2)))
        attempt("torch:distributions.Categorical", lambda: D.Categorical(probs=torch.ones(3) / 3))
    except Exception as exc:
        FAILURES.append(f"torch:distributions: {exc}")
    attempt("torch:nn.functional refs", lambda: [torch.nn.functional.relu, torch.nn.functional.gelu, torch.tanh, torch.sigmoid])


def joblib_objects():
    import numpy as np
    attempt("joblib:arrays", lambda: {"a": np.arange(10), "b": np.zeros((2, 2), dtype=np.float32), "o": np.array([1, "x"], dtype=object)}, joblib_dump=True)
    attempt("joblib:list of arrays", lambda: [np.ones(3), np.ma.masked_array([1, 2], mask=[0, 1])], joblib_dump=True)


GROUPS = {
    "stdlib": stdlib_objects, "numpy": numpy_objects, "pandas": pandas_objects, "scipy": scipy_objects,
    "sklearn": sklearn_objects, "xgboost": xgboost_objects, "torch": torch_objects, "joblib": joblib_objects,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated groups: " + ",".join(GROUPS))
    parser.add_argument("--by-protocol", action="store_true", help="append the protocols/serialisers per global")
    parser.add_argument("--failures", help="write the list of objects that could not be built/pickled to this file")
    options = parser.parse_args()
    groups = options.only.split(",") if options.only else list(GROUPS)
    for group in groups:
        log(f"== {group}")
        try:
            GROUPS[group]()
        except Exception:
            FAILURES.append(f"group {group}: {traceback.format_exc()}")
            log(traceback.format_exc())
    versions = []
    for mod in ("numpy", "torch", "sklearn", "pandas", "scipy", "xgboost", "joblib"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:
            pass
    print(f"# globals referenced by pickles of real objects; python {sys.version.split()[0]}; " + ", ".join(versions))
    print("# generated by tools/knowledge/collect_ml_globals.py; format: module.name<TAB>N kinds: examples")
    for name in sorted(OBSERVED):
        kinds = OBSERVED[name]
        examples = sorted(kinds)[:6]
        text = f"{name}\t{len(kinds)} kinds: " + "; ".join(examples)
        if options.by_protocol:
            protocols = sorted(set().union(*kinds.values()))
            text += "\t[" + ",".join(protocols) + "]"
        print(text)
    if options.failures:
        with open(options.failures, "w", encoding="utf-8") as handle:
            handle.write("\n".join(FAILURES) + "\n")
    log(f"{len(OBSERVED)} globals, {len(FAILURES)} failures")


if __name__ == "__main__":
    main()
