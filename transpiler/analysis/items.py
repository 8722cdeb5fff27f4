"""What a container's items are: `d = {"s": x}` makes `d["s"]` a Tensor, `c = [n, 1]` a
Python value on one item. The statement walk (flow.py) keeps it in the environment under
`"d[]"`; these functions compute it.

Before: `d = {"s": x, "t": 1.0}`         After: env["d[]"] = a Tensor that may be Python
"""
from __future__ import annotations

from typing import Callable, Optional

import gast

from ..ground.syntax import item_roots
from ..ground.tfapi import tf_api
from .decisions import Kind
from .tensorness import PY, Value, maybe_python

DISPLAYS = (gast.List, gast.Tuple, gast.Dict)


def assigned(target, value: Value, env) -> None:
    """`d["s"] = v`: the items of `d` now include what `v` is."""
    for root in item_roots(target):
        old = env.get(f"{root}[]")
        if old is None:  # items not known (a loop variable): what the container is, and now `v`
            old = env.get(root)
            if old is None or old[0] == value[0] == Kind.PYTHON:
                continue
        env[f"{root}[]"] = _either(old, value)


def of_display(display, evaluate: Callable) -> Value:
    """The join of the kinds of a list/tuple/dict display's items (nested ones included)."""
    elts = display.values if isinstance(display, gast.Dict) else display.elts
    best, python = PY, False
    for e in elts:
        v = of_display(e, evaluate) if isinstance(e, DISPLAYS) else evaluate(e)
        python = python or v[0] == Kind.PYTHON or v.maybe_python
        if v[0] > best[0]:
            best = Value(v[0], f"an item of a container holding {v.why or 'it'}")
    # `c = [n, 1]`: `c[1]` is a Python value, so a condition on an item may be a Python bool
    return Value(best.kind, best.why, python and best.kind != Kind.PYTHON)


def of_value(value, ctx, evaluate: Callable) -> Optional[Value]:
    """The items of a display, or of agx's own `cond(p, lambda: (..), lambda: (..))` (its
    output converted again: the items of both branches' displays, as when it was an `if`)."""
    if isinstance(value, DISPLAYS):
        return of_display(value, evaluate)
    branches = value.args[1:3] if (isinstance(value, gast.Call) and isinstance(value.func, gast.Name)
                                   and ctx.helpers.get(value.func.id) == "cond"
                                   and len(value.args) == 3) else []
    if len(branches) == 2 and all(isinstance(b, gast.Lambda) and isinstance(b.body, DISPLAYS)
                                  for b in branches):
        return _either(*(of_display(x.body, evaluate) for x in branches))
    return None


def as_graph_state(env, name: str, why: str) -> None:
    """`name` became graph state (a tf.cond output, a tf.while_loop variable): a container's
    items are then Tensors too (the container's own value when it is one), or may be (`why`)."""
    if f"{name}[]" in env:
        value = env[name]
        env[f"{name}[]"] = value if value[0] == Kind.TENSOR else maybe_python(Value(Kind.TENSOR, why))


def copied_name(value, ctx) -> Optional[str]:
    """`X` of `tf.nest.map_structure(lambda v: v, X)`, the copy agx's branch functions make of
    a container they assign items of (lower/item_state.py): the same value, the same items."""
    if not (isinstance(value, gast.Call) and len(value.args) == 2 and not value.keywords
            and tf_api(value.func, ctx) == "nest.map_structure"):
        return None
    fn, of = value.args
    if (isinstance(fn, gast.Lambda) and len(fn.args.args) == 1 and isinstance(fn.body, gast.Name)
            and fn.body.id == fn.args.args[0].id and isinstance(of, gast.Name)):
        return of.id
    return None


def _either(a: Value, b: Value) -> Value:
    """Items that are `a` or `b`: the larger kind, Python on one path if the kinds differ."""
    kind = max(a[0], b[0])
    return Value(kind, (a if a[0] >= b[0] else b).why,
                 (a.maybe_python or b.maybe_python or a[0] != b[0]) and kind != Kind.PYTHON)
