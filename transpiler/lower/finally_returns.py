"""A `finally` that returns on every path, with a lowered `if` that returns in the `try`.

Python's `return` in `finally` overrides whatever the `try` returned (and swallows its
exception), so the `try`'s own returns only end its block early: after the block is
restructured (jumps.restructure: the code after an `if` that returns moves into its other
branch), each `return E` there becomes `E` (nothing when `E` has no effects), and an `if`
left with nothing to do goes. The `finally` is then the function's tail, and its returning
`if` becomes `return tf.cond(...)` as at function level (jumps.restructure walks into a
`finally` that always returns).

Before:                          After:
    try:                             try:
        if x > 0:                        pass
            return 0                 finally:
    finally:                             return 1
        return 1

    try:                             try:
        return 2                         pass
    finally:                         finally:
        if x > 0:                        # line 4: if x > 0:
            return 1                     return tf.cond(x > 0, lambda: 1, lambda: 0)
        return 0

A `finally` that returns on some paths only (it falls through to the `try`'s return on
the others) is left to the diagnostics (AGX107).
"""
from __future__ import annotations

from typing import List

import gast

from ..analysis.activity import invalidate
from ..analysis.exprs import is_pure
from ..ground.syntax import LOOPS, SCOPES, always_exits, map_blocks, walk_body
from .common import LowerContext, is_lowered
from .jumps import restructure

RETURN = (gast.Return,)


def transform(fn, ctx: LowerContext):
    fn.body = _visit(fn.body, ctx)
    return fn


def _visit(stmts: List, ctx: LowerContext) -> List:
    for stmt in stmts:
        if isinstance(stmt, SCOPES):
            continue
        map_blocks(stmt, lambda b: _visit(b, ctx))
        if isinstance(stmt, gast.Try) and _overriding(stmt):
            stmt.body = _discard(restructure(stmt.body, RETURN, ctx)) or [gast.Pass()]
            for h in stmt.handlers:
                h.body = _discard(restructure(h.body, RETURN, ctx)) or [gast.Pass()]
            if stmt.orelse:
                stmt.orelse = _discard(restructure(stmt.orelse, RETURN, ctx))
            invalidate(stmt)
    return stmts


def _overriding(node: gast.Try) -> bool:
    """The `finally` returns on every path and a lowered `if` returns somewhere in the `try`."""
    if not always_exits(node.finalbody, RETURN):
        return False
    blocks = node.body + node.orelse + [s for h in node.handlers for s in h.body]
    return any(isinstance(n, gast.If) and is_lowered(n)
               and any(isinstance(r, gast.Return) for r in walk_body(n.body + n.orelse, into_loops=False))
               for n in walk_body(blocks + node.finalbody, into_loops=False))


def _discard(stmts: List) -> List:
    """Each `return E` (outside loops and nested scopes) -> `E`, or nothing when pure."""
    out = []
    for stmt in stmts:
        if isinstance(stmt, gast.Return):
            if stmt.value is not None and not is_pure(stmt.value):
                out.append(gast.copy_location(gast.Expr(value=stmt.value), stmt))
            continue
        if isinstance(stmt, SCOPES + LOOPS):
            out.append(stmt)  # a return there leaves the loop too: restructure reported it
            continue
        map_blocks(stmt, lambda b: _discard(b) or [gast.Pass()])
        if isinstance(stmt, gast.If) and _empty(stmt.body) and _empty(stmt.orelse) and is_pure(stmt.test):
            continue  # nothing left to choose between
        out.append(stmt)
    return out


def _empty(block: List) -> bool:
    return all(isinstance(s, gast.Pass) for s in block)
