"""Attributes reassigned inside lowered control flow become ordinary variables around it.

Before:                               After:
    while i < n:                          self_count = self.count
        self.count = self.count + 1       while i < n:
        i += 1                                self_count = self_count + 1
                                              i += 1
                                          self.count = self_count
A graph branch or loop body is traced once (both branches of a `tf.cond` are traced), so
setting a Python attribute inside it would leak a trace-time value; as a local name it is
a `tf.cond` output or a loop variable like any other. Attributes that are only read, and
variables updated through methods (`self.v.assign_add(...)`), are left as they are.
"""
from __future__ import annotations

from typing import List

import gast

from ..analysis.activity import invalidate
from ..ground.anno import Anno, get, has, put
from ..ground.syntax import LOOPS, Transformer, dotted, walk, walk_body
from . import templates as T
from .common import LowerContext, assign, copy_location, is_lowered


def _assigned_attributes(node) -> List[str]:
    found = []
    for stmt in walk_body([node]):
        targets = []
        if isinstance(stmt, gast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, (gast.AugAssign, gast.AnnAssign)):
            targets = [stmt.target]
        for t in targets:
            for sub in walk(t):
                if isinstance(sub, gast.Attribute) and isinstance(sub.ctx, gast.Store):
                    name = dotted(sub)
                    if name and name not in found:
                        found.append(name)
    return found


class _Rename(Transformer):
    def __init__(self, mapping):
        self.mapping = mapping

    def visit_Attribute(self, node):
        name = dotted(node)
        if name in self.mapping:
            # the local keeps the attribute's kind: `len(self.buf)` inside lowered code reads it
            return keep_kind(node, T.name(self.mapping[name], type(node.ctx)()))
        self.generic_visit(node)
        return node


def keep_kind(old, new):
    """`new` with the kind the analysis left on `old` (its Tensor-ness, whether it may be either)."""
    for key in (Anno.KIND, Anno.EITHER):
        if has(old, key):
            put(new, key, get(old, key))
    return new


def localize_attributes(stmts: List, state: LowerContext) -> List:
    """Apply to every outermost lowered if/loop of a block (recursing into Python blocks)."""
    out = []
    for stmt in stmts:
        lowered = isinstance(stmt, (gast.If,) + LOOPS) and is_lowered(stmt)
        names = _assigned_attributes(stmt) if lowered else []
        if not names:
            if not lowered:
                for field in ("body", "orelse", "finalbody"):
                    if getattr(stmt, field, None) and not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
                        setattr(stmt, field, localize_attributes(getattr(stmt, field), state))
            out.append(stmt)
            continue
        mapping = {n: state.namer.unique(n.replace(".", "_")) for n in names}
        _Rename(mapping).visit(stmt)
        invalidate(stmt)
        for attr_name, local in mapping.items():
            out.append(copy_location(assign(local, T.attr(attr_name)), stmt))
        out.append(stmt)
        for attr_name, local in mapping.items():
            target = T.attr(attr_name)
            target.ctx = gast.Store()
            out.append(copy_location(gast.Assign(targets=[target], value=T.name(local), type_comment=None), stmt))
    return out


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    fn.body = localize_attributes(fn.body, ctx)
    return fn
