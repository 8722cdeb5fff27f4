"""Differential testing of the tf1 target: eager execution of the original is the truth.

    code = check_tf1(source, "f", [(1.0,), (-2.0,)])
converts `source` with target="tf1", loads it, calls the Session runner `f` with plain
Python/NumPy values (a `Py(...)` argument is passed as it is, like a Python argument of a
tf.function) and compares with `f` run eagerly on Tensors, call by call, in order, so
variable state carries over in both.
"""
from __future__ import annotations

from typing import List

import numpy as np

from differential import Ds, Py, call, load, same
from transpiler import transpile


def plain(value):
    """An argument as a caller of a TF1 runner passes it: Python or NumPy, not a Tensor."""
    if isinstance(value, Py):
        return value.value
    if isinstance(value, Ds):  # a dataset or iterator (a runner refuses one: AGX506)
        return value.make()
    return value


def call_runner(module, qualname: str, args):
    fn = getattr(module, qualname)
    return fn(*[plain(a) for a in args])


def check_tf1(source: str, qualname: str, arg_sets: List[tuple], functions="decorated"):
    """Assert the tf1 runner == eager on every argument tuple; returns the converted code."""
    code = transpile(source, target="tf1", functions=functions)
    original, converted = load(source), load(code)
    for args in arg_sets:
        expected = call(original, qualname, args, eager=True)
        got = call_runner(converted, qualname, args)
        assert same(expected, got), f"{qualname}{args}: eager {expected!r} != tf1 {got!r}\n{code}"
        assert not isinstance(got, np.ndarray) or isinstance(expected, np.ndarray) or np.ndim(got) == 0
    return code
