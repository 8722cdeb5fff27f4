"""Containers as state: a branch of a lowered `if` that assigns items of a container
works on its own copy of the container.

Item assignment (`x[0] = v`, `y["a"] *= 2`, `d["a"]["b"] += 1`) counts as a write of the
container's name (analysis/activity.py), so the container becomes a tf.cond output or a
tf.while_loop variable, carried as a nested structure (tf.nest). A tf.while_loop hands its
body a fresh structure on every trace, but tf.cond traces both branches on the same
Python object: without a copy, the false branch would see the true branch's assignments.

Before:                          After:
    y = {"a": x, "b": x}             y = {"a": x, "b": x}
    if x > 0:                        if x > 0:
        y["a"] *= 2                      y = tf.nest.map_structure(lambda v: v, y)
    else:                                y["a"] *= 2
        y["b"] += 1                  else:
                                         y = tf.nest.map_structure(lambda v: v, y)
                                         y["b"] += 1
(then control_flow makes the `if` a tf.cond with output `y`). The copy rebuilds every
list, tuple and dict level and shares the leaves (Tensors are immutable).
"""
from __future__ import annotations

from typing import List

import gast

from ..analysis.activity import block_summary, invalidate
from ..ground.syntax import SCOPES, arguments, assigned_items, blocks_of
from . import templates as T
from .common import LowerContext, copy_location, is_lowered


def _copies(stmts: List, anchor, state: LowerContext) -> List:
    names = sorted(assigned_items(stmts) & block_summary(stmts).exposed)
    out = []
    for name in names:
        identity = gast.Lambda(args=arguments(["v"]), body=T.name("v"))
        value = T.call(state.api("nest.map_structure"), identity, T.name(name))
        stmt = gast.Assign(targets=[T.name(name, gast.Store())], value=value, type_comment=None)
        out.append(copy_location(stmt, anchor))
    return out


def _visit(stmts: List, state: LowerContext) -> None:
    for stmt in stmts:
        if isinstance(stmt, SCOPES):
            continue
        for block in blocks_of(stmt):
            _visit(block, state)
        if isinstance(stmt, gast.If) and is_lowered(stmt):
            stmt.body = _copies(stmt.body, stmt, state) + stmt.body
            if stmt.orelse:
                stmt.orelse = _copies(stmt.orelse, stmt, state) + stmt.orelse
            invalidate(stmt)


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    """Copy item-assigned containers at the top of each branch of a lowered `if`."""
    _visit(fn.body, ctx)
    return fn
