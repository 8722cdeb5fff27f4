"""The environment of the statement walk: name -> `Value`, and how two paths join.

Shared by `flow.py` (statements) and `loops.py` (loop fixpoints).
"""
from __future__ import annotations

from typing import Dict

import gast

from ..ground.syntax import dotted, walk
from .decisions import Kind, Sort
from .tensorness import Value, maybe_python, mixed

Env = Dict[str, Value]


def always_exits(stmts) -> bool:
    return bool(stmts) and isinstance(stmts[-1], (gast.Return, gast.Raise))


MAX_FIXPOINT = 4
PYTHON_SORTS = (Sort.CONTAINER, Sort.SCALAR, Sort.CALLABLE, Sort.OBJECT)


def dispatch_value(value: Value, jump) -> bool:
    """A loop whose head may be a Python value dispatches (jumps under a dispatched `if`
    too); one whose head is a Tensor, or that exits under a Tensor `if`, is lowered."""
    if value[0] == Kind.TENSOR:
        return value.maybe_python
    if value[0] == Kind.UNKNOWN:
        return jump is None or jump[1]
    return jump is not None and jump[1]


def _either(a: Value, b: Value) -> bool:
    """A Tensor on one path, a value that may be Python on the other (a parameter nothing
    speaks for): the join is a Tensor that may be a Python value."""
    return {a[0], b[0]} == {Kind.UNKNOWN, Kind.TENSOR}


def join_env(a: Env, b: Env) -> Env:
    out = dict(a)
    for k, v in b.items():
        if k in out and (mixed(out[k], v) or _either(out[k], v)
                         or (out[k][0] == v[0] == Kind.TENSOR and v.maybe_python)):
            out[k] = maybe_python(max(out[k], v, key=lambda w: w[0]))
        elif k not in out or v[0] > out[k][0]:
            out[k] = v
    return out


def attr_writes(node) -> set:
    """`self.a` ... assigned under a lowered if/loop: outputs of it (lower.attributes), Tensors after."""
    stmts = list(node.body) + list(node.orelse)
    return {dotted(t) for s in stmts for n in walk(s) if isinstance(n, (gast.Assign, gast.AugAssign, gast.AnnAssign))
            for t in (n.targets if isinstance(n, gast.Assign) else [n.target])
            if isinstance(t, gast.Attribute) and dotted(t)}
