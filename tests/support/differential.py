"""Differential testing: eager execution of the original is the truth.

    outcome = run_case(source, "f", [(1.0,), (-2.0,)])
runs `f` eagerly (tf.config.run_functions_eagerly), under AutoGraph (the original
tf.function), and agx's tf2 output (tf.function(autograph=False)), on every argument
tuple, and compares values and structure. Arguments are turned into Tensors unless wrapped
in `Py(...)` (passed as the Python value), `Ds(values)` (a tf.data.Dataset of float32 values)
or `It(values)` (that dataset's iterator): the last two are made fresh at every call, so
eager, AutoGraph and agx's output each get their own (an iterator is consumed).
"""
from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import os
import sys
import tempfile
import types
from typing import Any, List, Optional

import numpy as np
import tensorflow as tf

from transpiler import transpile

_counter = itertools.count()


@dataclasses.dataclass(frozen=True)
class Py:
    """An argument passed as a Python value, not a Tensor."""
    value: Any


@dataclasses.dataclass(frozen=True)
class Ds:
    """An argument passed as `tf.data.Dataset.from_tensor_slices` of float32 `values`,
    made at call time (`make`)."""
    values: tuple

    def make(self):
        return tf.data.Dataset.from_tensor_slices(tf.constant(self.values, tf.float32))


@dataclasses.dataclass(frozen=True)
class It(Ds):
    """An argument passed as `iter(Ds(values).make())`: a fresh iterator at every call."""

    def make(self):
        return iter(super().make())


_DIR = tempfile.mkdtemp(prefix="agx_cases_")


def load(code: str, name: Optional[str] = None) -> types.ModuleType:
    """Import `code` from a real file, so AutoGraph and inspect can read its source."""
    name = name or f"agx_case_{next(_counter)}"
    path = os.path.join(_DIR, f"{name}.py")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(code)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def to_arg(value):
    if isinstance(value, Py):
        return value.value
    if isinstance(value, Ds):
        return value.make()
    if isinstance(value, tf.Tensor):
        return value
    return tf.constant(value)


def to_numpy(value):
    if isinstance(value, (tuple, list)):
        return type(value)(to_numpy(v) for v in value)
    if isinstance(value, dict):
        return {k: to_numpy(v) for k, v in value.items()}
    if isinstance(value, tf.TensorArray):
        return value.stack().numpy()
    if hasattr(value, "numpy"):
        return value.numpy()
    return value


def same(a, b) -> bool:
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and sorted(a) == sorted(b)
                and all(same(a[k], b[k]) for k in a))
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(same(x, y) for x, y in zip(a, b)))
    if a is None or b is None:
        return a is None and b is None
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" or b.dtype.kind in "fc":
        return bool(np.allclose(a, b, equal_nan=True))
    return bool(np.array_equal(a, b))


def get(module, qualname):
    obj = module
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def call(module, qualname, args, eager=False, wrap=False):
    fn = get(module, qualname)
    if wrap:
        fn = tf.function(fn, autograph=False)
    tf.config.run_functions_eagerly(eager)
    try:
        return to_numpy(fn(*[to_arg(a) for a in args]))
    finally:
        tf.config.run_functions_eagerly(False)


def run_eager(source, qualname, args):
    return call(load(source), qualname, args, eager=True)


def check_tf2(source: str, qualname: str, arg_sets: List[tuple], functions="decorated", wrap=False):
    """Assert agx tf2 output == eager on every argument tuple; returns the converted code."""
    code = transpile(source, functions=functions)
    original, converted = load(source), load(code)
    for args in arg_sets:
        expected = call(original, qualname, args, eager=True)
        got = call(converted, qualname, args, wrap=wrap)
        assert same(expected, got), f"{qualname}{args}: eager {expected!r} != agx {got!r}\n{code}"
    return code


def autograph_outcome(source: str, qualname: str, arg_sets: List[tuple]) -> str:
    """'ok', 'wrong' or 'error: ...' for the original under tf.function with AutoGraph."""
    try:
        eager, graph = load(source), load(source)  # separate modules: separate variables
        for args in arg_sets:
            expected = call(eager, qualname, args, eager=True)
            got = call(graph, qualname, args)
            if not same(expected, got):
                return "wrong"
        return "ok"
    except Exception as exc:  # AutoGraph's own failure is data here
        return f"error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"

