"""The environment of the statement walk: name -> `Value`, and how two paths join.

Shared by `flow.py` (statements) and `loops.py` (loop fixpoints).
"""
from __future__ import annotations

from typing import Dict

import gast

from ..ground.syntax import dotted, walk
from .decisions import Kind, Sort
from .tensorness import Value, maybe_python

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


def join_env(a: Env, b: Env) -> Env:
    out = dict(a)
    for k, v in b.items():
        old = out.get(k)
        # a Tensor on one path, a Python value (or one that may be: a parameter nothing speaks
        # for) on the other: a Tensor that may be a Python value
        if old is not None and ((old[0] != v[0] and Kind.TENSOR in (old[0], v[0]))
                                or (old[0] == v[0] == Kind.TENSOR and v.maybe_python)):
            out[k] = maybe_python(max(old, v, key=lambda w: w[0]))
        elif old is None or v[0] > old[0]:
            out[k] = v
    return out


def attr_writes(node) -> set:
    """`self.a` ... assigned under a lowered if/loop: outputs of it (lower.attributes), Tensors after."""
    stmts = list(node.body) + list(node.orelse)
    return {dotted(t) for s in stmts for n in walk(s) if isinstance(n, (gast.Assign, gast.AugAssign, gast.AnnAssign))
            for t in (n.targets if isinstance(n, gast.Assign) else [n.target])
            if isinstance(t, gast.Attribute) and dotted(t)}
