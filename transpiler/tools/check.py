"""`agx check`: run every converted function eagerly (the truth), under AutoGraph, and as
agx's tf2 / tf1 output on the same inputs; compare values and graph structure.

TensorFlow is imported here, lazily: conversion itself stays TF-free.
"""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import importlib.util
import itertools
import os
import sys
import tempfile
from typing import Dict, List, Optional, Tuple

from ..api import analyze, transpile
from ..diagnostics import TranspileError

MODES = ("autograph", "tf2", "tf1")
LABELS = {"autograph": "AutoGraph", "tf2": "agx tf2", "tf1": "agx tf1"}
_counter = itertools.count()


@dataclasses.dataclass(frozen=True)
class py:  # noqa: N801 -- lower case: it is what users type in --args
    """Marks an --args value to pass as a Python value, not as a Tensor."""
    value: object


@dataclasses.dataclass
class Counts:
    loops: int   # While + StatelessWhile
    conds: int   # If + StatelessIf
    ops: int     # every node, the function library included


@dataclasses.dataclass
class Row:
    function: str
    inputs: int = 0
    agree: Dict[str, str] = dataclasses.field(default_factory=dict)   # mode -> ok | wrong k/n | error | n/a
    structure: Dict[str, Optional[Counts]] = dataclasses.field(default_factory=dict)  # autograph / tf2
    notes: List[str] = dataclasses.field(default_factory=list)

    @property
    def agx_failed(self) -> bool:
        return any(self.agree.get(m, "n/a") not in ("ok", "n/a") for m in ("tf2", "tf1"))


class CheckError(Exception):
    """A problem with the command's input (message for the user, exit 2)."""


# -- loading and calling ------------------------------------------------------------------------

_DIR = None


def load(code: str, label: str):
    """Import `code` from a real file (AutoGraph reads function source through inspect)."""
    global _DIR
    _DIR = _DIR or tempfile.mkdtemp(prefix="agx_check_")
    name = f"agx_check_{label}_{next(_counter)}"
    path = os.path.join(_DIR, f"{name}.py")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(code)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def resolve(module, qualname: str, instances: dict):
    """The callable for `f` or `Class.method` (the class built with no arguments, once)."""
    head, _, method = qualname.partition(".")
    obj = getattr(module, head)
    if not method:
        return obj
    if head not in instances:
        try:
            instances[head] = obj()
        except Exception as exc:
            raise CheckError(f"cannot create {head}() to call {qualname}: {_short(exc)}") from None
    return getattr(instances[head], method)


def _short(exc: BaseException) -> str:
    text = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if text and text[0].startswith("in user code"):  # AutoGraph: the reason is on the last line
        text = [text[-1]]
    line, name = text[0] if text else "", type(exc).__name__
    line = line if line.startswith(name) else f"{name}: {line}".rstrip(": ")
    return line if len(line) <= 160 else line[:157] + "..."


@contextlib.contextmanager
def quiet(enabled: bool = True):
    """Silence the program's own output (print, tf.print, TF logging) at the descriptor level."""
    if not enabled:
        yield
        return
    sys.stdout.flush(), sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1), os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            os.close(saved[0]), os.close(saved[1])


def to_arg(tf, np, value):
    if isinstance(value, py):
        return value.value
    if isinstance(value, (int, float, bool, str, bytes, list, np.ndarray, np.generic)):
        return tf.constant(value)
    return value


def to_numpy(tf, value):
    if isinstance(value, (tuple, list)):
        return type(value)(to_numpy(tf, v) for v in value)
    if isinstance(value, dict):
        return {k: to_numpy(tf, v) for k, v in value.items()}
    if isinstance(value, tf.TensorArray):
        return value.stack().numpy()
    return value.numpy() if hasattr(value, "numpy") else value


def same(np, a, b) -> bool:
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(same(np, x, y) for x, y in zip(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and \
            all(same(np, a[k], b[k]) for k in a)
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind in "fc" or b.dtype.kind in "fc":
            return bool(np.allclose(a, b, equal_nan=True))
        return bool(np.array_equal(a, b))
    except Exception:
        return False


# -- inputs --------------------------------------------------------------------------------------

def inputs_from_args(tf, np, exprs: List[str]) -> List[tuple]:
    out = []
    for expr in exprs:
        try:
            value = eval(expr, {"tf": tf, "np": np, "py": py})  # the user's own expression
        except Exception as exc:
            raise CheckError(f"--args {expr!r}: {_short(exc)}") from None
        out.append(tuple(value) if isinstance(value, tuple) else (value,))
    return out


def inputs_from_signature(tf, np, fn) -> Optional[List[tuple]]:
    """Three input tuples from a tf.function's input_signature (None dimensions become 3).

    Values are positive and of both parities (1, 6, 27; 0.5, 2.0, 7.5): zero and negative
    inputs can make a loop run forever, so those are left to --args.
    """
    signature = getattr(fn, "input_signature", None)
    if signature is None:
        return None
    specs = tf.nest.flatten(signature)
    if not all(isinstance(s, tf.TensorSpec) for s in specs):
        return None

    def make(spec, k):
        shape = [3 if d is None else d for d in spec.shape.as_list()] if spec.shape.rank is not None else [3]
        size = int(np.prod(shape)) if shape else 1
        if spec.dtype == tf.string:
            return tf.constant(np.array([["hello", "world", ""][k]] * size, dtype=object).reshape(shape))
        if spec.dtype == tf.bool:
            return tf.constant(np.full(shape, k != 1))
        start = (0.5, 2.0, 7.5)[k] if spec.dtype.is_floating else (1, 6, 27)[k]
        return tf.cast(tf.constant((start + np.arange(size)).reshape(shape)), spec.dtype)

    return [tuple(tf.nest.pack_sequence_as(signature, [make(s, k) for s in specs])) for k in range(3)]


# -- graph structure -----------------------------------------------------------------------------

def structure(tf, fn, args, autograph: bool) -> Counts:
    if not hasattr(fn, "get_concrete_function"):
        fn = tf.function(fn, autograph=autograph)
    graph_def = fn.get_concrete_function(*args).graph.as_graph_def()
    ops = collections.Counter(n.op for n in graph_def.node)
    for function in graph_def.library.function:
        ops.update(n.op for n in function.node_def)
    return Counts(ops["While"] + ops["StatelessWhile"], ops["If"] + ops["StatelessIf"], sum(ops.values()))


# -- the check -----------------------------------------------------------------------------------

def _outcomes(tf, np, module, qualname, inputs, eager) -> List[Tuple[str, object]]:
    fn = resolve(module, qualname, module.__dict__.setdefault("__agx_instances__", {}))
    mode = module.__dict__.get("__agx_mode__")
    if mode in ("autograph", "tf2") and not hasattr(fn, "get_concrete_function"):
        fn = tf.function(fn, autograph=mode == "autograph")  # an undecorated function: trace it
    out = []
    for args in inputs:
        if mode == "tf1":  # the tf1 runner takes NumPy values
            args = tuple(a.numpy() if isinstance(a, tf.Tensor) else a for a in args)
        tf.config.run_functions_eagerly(eager)
        try:
            out.append(("value", to_numpy(tf, fn(*args))))
        except Exception as exc:
            out.append(("error", _short(exc)))
        finally:
            tf.config.run_functions_eagerly(False)
    return out


def _agreement(np, truth, got) -> Tuple[str, str]:
    bad = [i for i, (t, g) in enumerate(zip(truth, got))
           if t[0] != g[0] or (t[0] == "value" and not same(np, t[1], g[1]))]
    if not bad:
        return "ok", ""
    i = bad[0]
    first = f"input {i + 1}: eager {_show(truth[i])}, got {_show(got[i])}"
    if all(g[0] == "error" for g in got) and not all(t[0] == "error" for t in truth):
        return "error", first
    return f"wrong {len(bad)}/{len(got)}", first


def _show(outcome) -> str:
    kind, value = outcome
    return value if kind == "error" else repr(value).replace("\n", " ")


def check_function(tf, np, qualname, modules, inputs: List[tuple]) -> Row:
    row = Row(qualname, len(inputs))
    truth = _outcomes(tf, np, modules["eager"], qualname, inputs, eager=True)
    failed = [i for i, t in enumerate(truth) if t[0] == "error"]
    if failed:
        row.notes.append(f"the original fails eagerly on {len(failed)}/{len(truth)} input(s) "
                         f"(input {failed[0] + 1}: {truth[failed[0]][1]}); agreement there means failing too")
    for mode in MODES:
        if isinstance(modules.get(mode), str):  # the converted module failed to load
            row.agree[mode] = "error"
            row.notes.append(f"{LABELS[mode]} output fails to run: {modules[mode]}")
            continue
        if modules.get(mode) is None:
            row.agree[mode] = "n/a"
            continue
        got = _outcomes(tf, np, modules[mode], qualname, inputs, eager=False)
        row.agree[mode], detail = _agreement(np, truth, got)
        if mode == "autograph" and row.agree[mode] == "error":
            row.notes.append(f"AutoGraph fails: {next(g[1] for g in got if g[0] == 'error')}")
        elif detail:
            row.notes.append(f"{LABELS[mode]} disagrees with eager on {detail}")
    for mode in ("autograph", "tf2"):
        try:
            fn = resolve(modules[mode], qualname, modules[mode].__dict__["__agx_instances__"])
            row.structure[mode] = structure(tf, fn, inputs[0], autograph=mode == "autograph")
        except Exception:
            row.structure[mode] = None
    if row.agree["autograph"] != "ok" and not row.agx_failed:
        how = "fails" if row.agree["autograph"] == "error" else "gives wrong values"
        row.notes.append(f"AutoGraph {how} here; agx agrees with eager")
    return row


def _functions_to_check(analysis, functions) -> List[str]:
    if functions == "decorated":
        return [t.qualname for t in analysis.targets if t.decorated]
    if functions == "all":
        return [t.qualname for t in analysis.targets]
    return [t.qualname for t in analysis.targets if t.qualname in set(functions)]  # not their callees


def run_check(text: str, filename: str, functions="decorated", args: Optional[List[str]] = None,
              show_output: bool = False) -> Tuple[List[Row], List[str]]:
    """(rows, messages). Raises TranspileError (conversion) or CheckError (running the file)."""
    analysis = analyze(text, functions=functions, filename=filename)
    if analysis.sink.errors:
        raise TranspileError(analysis.sink.errors, analysis.parsed.source)
    names = _functions_to_check(analysis, functions)
    convert_with = functions  # a list of names also converts their callees, as `agx convert` does
    codes, messages = {"tf2": transpile(text, target="tf2", functions=convert_with, filename=filename, strict=True)}, []
    try:
        codes["tf1"] = transpile(text, target="tf1", functions=convert_with, filename=filename, strict=True)
    except TranspileError as exc:
        messages.append(f"agx tf1: cannot convert ({exc.diagnostics[0].headline() if exc.diagnostics else exc})")
    except Exception as exc:  # the tf1 target may be absent in this build
        messages.append(f"agx tf1: unavailable ({_short(exc)})")
    modules = {}
    with quiet(not show_output):
        import numpy as np
        import tensorflow as tf
        for mode, code in (("eager", text), ("autograph", text), ("tf2", codes["tf2"]), ("tf1", codes.get("tf1"))):
            if code is None:
                continue
            try:
                modules[mode] = load(code, mode)
                modules[mode].__agx_mode__ = mode
            except Exception as exc:
                if mode in ("eager", "autograph"):
                    raise CheckError(f"running {filename} failed: {_short(exc)}") from None
                modules[mode] = _short(exc)
        given = inputs_from_args(tf, np, args) if args else None
        rows = []
        for name in names:
            try:
                inputs = given
                if inputs is None:
                    inputs = inputs_from_signature(tf, np, resolve(modules["eager"], name, {}))
                if inputs is None:
                    rows.append(Row(name, 0, {m: "n/a" for m in MODES}, notes=[
                        "no inputs: it has no input_signature; pass them, e.g. --args '(1.0, [1, 2])' "
                        "(Python numbers and lists become Tensors; py(v) passes v as is)"]))
                    continue
                inputs = [tuple(to_arg(tf, np, a) for a in t) for t in inputs]
                rows.append(check_function(tf, np, name, modules, inputs))
            except CheckError as exc:
                rows.append(Row(name, 0, {m: "n/a" for m in MODES}, notes=[str(exc)]))
    return rows, messages


def _cell(counts: Optional[Counts], field: str) -> str:
    return "-" if counts is None else str(getattr(counts, field))


def table(rows: List[Row]) -> str:
    head = ["function", "inputs", "AutoGraph", "agx tf2", "agx tf1", "While AG/agx", "If AG/agx", "ops AG/agx"]
    body = []
    for r in rows:
        ag, agx = r.structure.get("autograph"), r.structure.get("tf2")
        body.append([r.function, str(r.inputs)] + [r.agree.get(m, "n/a") for m in MODES] +
                    [f"{_cell(ag, f)}/{_cell(agx, f)}" for f in ("loops", "conds", "ops")])
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in [head] + body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for r in rows:
        lines.extend(f"{r.function}: {note}" for note in r.notes)
    return "\n".join(lines)


def command(path: str, functions: str = "decorated", args: Optional[List[str]] = None,
            show_output: bool = False) -> int:
    """`agx check`: the table on stdout, problems on stderr; exit 1 if agx disagrees with eager."""
    import click
    from .commands import functions_arg, report
    from .files import read_source
    text, err = read_source(path)
    if err is not None:
        report([err], None, False)
        return 2
    try:
        rows, messages = run_check(text, path, functions_arg(functions), args, show_output)
    except TranspileError as exc:
        report(exc.diagnostics, exc.source or text, False)
        return 1
    except CheckError as exc:
        click.echo(f"agx check: {exc}", err=True)
        return 2
    for m in messages:
        click.echo(m, err=True)
    if not rows:
        click.echo(f"agx check: no functions to check in {path} (see --functions)", err=True)
        return 2
    click.echo(table(rows))
    if any(r.agx_failed for r in rows):
        return 1
    return 2 if any(r.inputs == 0 for r in rows) else 0
