"""`lst.pop()` in lowered control flow, on a list made from a literal: a TensorArray and a size.

Before:                              After:
    l = [1, 2, 3, 4]                     l = tf.TensorArray(tf.int32, size=4).unstack([1, 2, 3, 4])
    s = 0                                l_size = 4
    for _ in range(n):                   s = 0
        s += l.pop()                     for _ in range(n):
    return tf.stack(l), s                    l_size -= 1
                                             s += l.read(l_size)
                                         return l.gather(tf.range(l_size)), s
The size is an ordinary variable, so the loop carries it (a tf.cond returns it) and every
iteration pops the next item, as eagerly (a Python list would be popped once, while
tracing). Only this shape is rewritten: one binding to a non-empty literal at the top of the
function, uses that are `l.pop()` (one per simple statement), `len(l)` and `tf.stack(l)`.
Any other use leaves the list alone (containers.py then refuses the pop, AGX205).
"""
from __future__ import annotations

from typing import List, Optional

import gast

from ..analysis.activity import invalidate
from ..ground.syntax import LOOPS, Transformer, walk, walk_body
from ..ground.tfapi import tf_api
from . import templates as T
from .common import LowerContext, assign, copy_location, is_lowered
from .lists import ListLowering, inside

SIMPLE = (gast.Assign, gast.AugAssign, gast.Expr, gast.Return)


def _pop_of(node, name: str) -> bool:
    return (isinstance(node, gast.Call) and not node.args and not node.keywords
            and isinstance(node.func, gast.Attribute) and node.func.attr == "pop"
            and isinstance(node.func.value, gast.Name) and node.func.value.id == name)


def _uses_ok(fn, name: str, ctx) -> bool:
    """Every read of `name` is `name.pop()`, `len(name)` or `tf.stack(name)`, once a statement."""
    allowed = set()
    for node in walk(fn):
        if _pop_of(node, name):
            allowed.add(id(node.func.value))
        elif isinstance(node, gast.Call) and len(node.args) == 1 and not node.keywords and (
                (isinstance(node.func, gast.Name) and node.func.id == "len")
                or tf_api(node.func, ctx) == "stack"):
            if isinstance(node.args[0], gast.Name) and node.args[0].id == name:
                allowed.add(id(node.args[0]))
    reads = [n for n in walk(fn) if isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Load)]
    if any(id(n) not in allowed for n in reads):
        return False
    for stmt in walk_body(fn.body):
        pops = [n for n in walk(stmt) if _pop_of(n, name)] if isinstance(stmt, SIMPLE) else []
        if len(pops) > 1:
            return False
    return not any(_pop_of(n, name) for s in walk_body(fn.body) if not isinstance(s, SIMPLE)
                   for n in _own_exprs(s))


def _own_exprs(stmt):
    for field in ("test", "iter", "items", "value"):
        value = getattr(stmt, field, None)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, gast.AST):
                yield from walk(v)


class _Rewriter(Transformer):
    def __init__(self, name: str, size: str, state: LowerContext):
        self.name, self.size, self.state = name, size, state

    def visit_Call(self, node):
        self.generic_visit(node)
        ta = lambda attr: gast.Attribute(value=T.name(self.name), attr=attr, ctx=gast.Load())
        if _pop_of(node, self.name):
            return T.call(ta("read"), T.name(self.size))
        if node.args and isinstance(node.args[0], gast.Name) and node.args[0].id == self.name:
            if isinstance(node.func, gast.Name) and node.func.id == "len":
                return T.name(self.size)
            return T.call(ta("gather"), T.call(self.state.api("range"), T.name(self.size)))
        return node


def _block(stmts: List, name: str, size: str, rewriter) -> List:
    out = []
    for stmt in stmts:
        for field in ("body", "orelse", "finalbody"):
            if getattr(stmt, field, None) and not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
                setattr(stmt, field, _block(getattr(stmt, field), name, size, rewriter))
        if isinstance(stmt, SIMPLE) and any(_pop_of(n, name) for n in walk(stmt)):
            step = gast.AugAssign(target=T.name(size, gast.Store()), op=gast.Sub(), value=T.constant(1))
            out.append(copy_location(step, stmt))
            stmt = rewriter.visit(stmt)
        elif isinstance(stmt, SIMPLE):
            stmt = rewriter.visit(stmt)
        else:  # `while len(l) > 0:` (a pop there was refused by _uses_ok)
            for field in ("test", "iter"):
                if getattr(stmt, field, None) is not None:
                    setattr(stmt, field, rewriter.visit(getattr(stmt, field)))
        out.append(stmt)
    return out


def _candidate(fn, stmt, ctx) -> Optional[str]:
    """The name `stmt` binds to a non-empty list literal, if it is popped in lowered control flow."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name)
            and isinstance(stmt.value, gast.List) and stmt.value.elts):
        return None
    name = stmt.targets[0].id
    lowered = [c for c in walk_body(fn.body) if isinstance(c, LOOPS + (gast.If,)) and is_lowered(c)]
    popped = any(_pop_of(n, name) for c in lowered for s in inside(c) for n in walk(s))
    bindings = [s for s in walk(fn) if isinstance(s, gast.Name) and s.id == name
                and isinstance(s.ctx, (gast.Store, gast.Del, gast.Param))]
    return name if popped and len(bindings) == 1 and _uses_ok(fn, name, ctx) else None


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    for i, stmt in enumerate(list(fn.body)):
        name = _candidate(fn, stmt, ctx.ctx)
        if name is None:
            continue
        first, lists = stmt.value.elts[0], ListLowering(ctx)
        if isinstance(first, gast.Name):
            dtype = lists._dtype_of_name(first.id, fn)
        else:
            dtype = lists.dtype_of(first, None, fn, depth=0) if isinstance(first, gast.Constant) else None
        if dtype is None:
            continue
        size = ctx.namer.unique(f"{name}_size")
        count = len(stmt.value.elts)
        array = T.call(ctx.api("TensorArray"), dtype, size=T.constant(count))
        stmt.value = T.call(gast.Attribute(value=array, attr="unstack", ctx=gast.Load()), stmt.value)
        rewriter = _Rewriter(name, size, ctx)
        at = fn.body.index(stmt)
        fn.body[at + 1:] = _block(fn.body[at + 1:], name, size, rewriter)
        fn.body.insert(at + 1, copy_location(assign(size, T.constant(count)), stmt))
        invalidate(fn)
    return fn
