"""`break`/`continue` (and `return`, already a flagged break: jumps.returns_in_loop) inside a
`try` of a lowered loop body: the jump leaves the `try` through a flag.

A `try` stays Python (it catches what tracing raises, as under AutoGraph); what cannot stay
is a jump out of it, since a tf.while_loop body has no `break`. Each jump sets a flag and
the rest of its block moves under the `if` (jumps.restructure); after the `try` (after its
`finally` ran, as Python does), `if flag: break`, which jumps.lower_loop_jumps lowers like
any other. A jump in `finally` overrides one from the body (Python semantics): it clears
the other flags. The `else:` of a `try` runs only when the body did not jump.

Before:                          After:
    for i in tf.range(n):            for i in tf.range(n):
        try:                             try_break = False
            s += i                       try:
            if s > 5:                        s += i
                break                        if s > 5:
            s += 1                               try_break = True
        finally:                             else:
            s += 100                             s += 1
                                         finally:
                                             s += 100
                                         if try_break:
                                             break
"""
from __future__ import annotations

import copy
from typing import Dict, List, Tuple

import gast

from ..analysis.activity import invalidate
from ..ground.anno import Anno, get, put
from ..ground.syntax import LOOPS, SCOPES, blocks_of, map_blocks, walk_body
from . import templates as T
from .common import LowerContext, assign, decided, flag, is_lowered, none_of
from .jumps import restructure

JUMPS = (gast.Break, gast.Continue)


def _key(jump) -> Tuple[str, str]:
    return type(jump).__name__, get(jump, Anno.FLAG, None) or ""


def _jumps(stmts) -> List:
    return [n for n in walk_body(stmts, into_loops=False) if isinstance(n, JUMPS)]


def _under_tensor_if(stmts, jump):
    """The lowered `if` inside `stmts` the jump sits under (its flag becomes a Tensor, or,
    under a dispatched `if`, maybe a Python bool), or None."""
    for node in walk_body(stmts, into_loops=False):
        if isinstance(node, gast.If) and is_lowered(node) and any(
                j is jump for j in _jumps(node.body + node.orelse)):
            return node
    return None


def _under_python(stmts, target, inside: bool = False):
    """Whether `target` sits under a Python `if` or loop within `stmts` (a path through the
    `try` may then skip it, and the flag it sets stays a Python bool); None if not there."""
    for stmt in stmts:
        if stmt is target:
            return inside
        if isinstance(stmt, SCOPES):
            continue
        python = isinstance(stmt, (gast.If,) + LOOPS) and not is_lowered(stmt)
        for block in blocks_of(stmt):
            found = _under_python(block, target, inside or python)
            if found is not None:
                return found
    return None


def _at(node) -> Tuple[int, int]:
    """Where a node is (a generated one may have no position: then at the start)."""
    return getattr(node, "lineno", 0) or 0, getattr(node, "col_offset", 0) or 0


def _replace(stmts: List, flags: Dict, clear: bool) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, JUMPS):
            mine = flags[_key(stmt)]
            if mine is not None:  # None: a `continue` with nothing after the `try` to skip
                out.append(assign(mine, T.constant(True)))
            if clear:
                out.extend(assign(f, T.constant(False)) for f in flags.values() if f and f != mine)
            continue
        if isinstance(stmt, (gast.If, gast.With, gast.Try)):
            map_blocks(stmt, lambda b: _replace(b, flags, clear) or [gast.Pass()])
        out.append(stmt)
    return out


def _guard(test, body, anchor, loop, tensor, maybe=False) -> gast.If:
    """`if flag: <jump>`; `tensor`: the lowered `if`s that set the flag (a dispatched one
    makes the guard dispatch too: the flag may stay a Python bool). `maybe`: the flag may be
    either (set after a lowered `if`, which restructuring may move it under): it dispatches."""
    guard = gast.If(test=test, body=body, orelse=[])
    guard.lineno, guard.col_offset = anchor.lineno, anchor.col_offset
    if tensor:
        source = next((i for i in tensor if get(i, Anno.DECISION).dispatch), None)
        decided(guard, get(source if source is not None else loop, Anno.DECISION), "tf.cond")
        d = get(guard, Anno.DECISION)
        d.construct = "if"
        d.dispatch = d.dispatch or maybe
        put(guard, Anno.LINE_TEXT, "jump out of the `try` above")
    return guard


def _init(name: str) -> gast.Assign:
    stmt = assign(name, T.constant(False))
    put(stmt, Anno.FLAG, name)  # a flag's initialisation (hoisted above an enclosing `try`)
    return stmt


def _hoist_inits(node: gast.Try) -> List:
    """Initialisations of the flags of `try`s nested in `node`, taken out of it: a name first
    assigned inside a `try` would not be defined before the loop."""
    taken = []

    def strip(stmts):
        kept = []
        for stmt in stmts:
            if isinstance(stmt, gast.Assign) and get(stmt, Anno.FLAG, None):
                taken.append(stmt)
                continue
            if not isinstance(stmt, (LOOPS,) + SCOPES):
                map_blocks(stmt, lambda b: strip(b) or [gast.Pass()])
            kept.append(stmt)
        return kept

    for field in ("body", "orelse", "finalbody"):
        setattr(node, field, strip(getattr(node, field)) or ([gast.Pass()] if field == "body" else []))
    for h in node.handlers:
        h.body = strip(h.body) or [gast.Pass()]
    return taken


def _may_skip(node: gast.Try, stmts, over, jumps, lowered_ifs) -> bool:
    """Whether a path through the `try` may skip the lowered `if` `over` that sets a flag
    (which then stays a Python bool, so its guard dispatches): `over` is under a Python `if`
    or loop, or in a handler (tracing does not raise: it does not run), or after a jump that
    is under a Python or dispatched `if` (restructuring moves `over` into that `if`'s other
    branch, which tracing may not take), or after a dispatched `if` that jumps."""
    if _under_python(stmts, over) or any(get(n, Anno.DECISION).dispatch and _at(n) < _at(over)
                                         for n in lowered_ifs):
        return True
    if any(n is over for h in node.handlers for n in walk_body(h.body, into_loops=False)):
        return True
    for jump in jumps:
        if _at(jump) < _at(over) and not any(j is jump for j in _jumps(over.body + over.orelse)):
            at = _under_tensor_if(stmts, jump)
            if at is None or get(at, Anno.DECISION).dispatch or _under_python(stmts, at):
                return True
    return False


def lift(node: gast.Try, loop, state: LowerContext, last: bool) -> List:
    """[flag inits, the try with flags instead of jumps, `if flag: <jump>` ...]; `last`: the
    `try` ends the loop body, so a `continue` needs no flag."""
    blocks = [node.body, node.orelse, node.finalbody] + [h.body for h in node.handlers]
    stmts = [s for b in blocks for s in b]
    jumps = _jumps(stmts)
    lowered_ifs = [n for n in walk_body(stmts, into_loops=False) if isinstance(n, gast.If) and is_lowered(n)]
    flags: Dict[Tuple[str, str], str] = {}
    tensor: Dict[str, list] = {}
    maybe = set()  # flags that may be a Python bool or a Tensor
    for j in jumps:
        if last and _key(j) == ("Continue", ""):
            flags[_key(j)] = None
            continue
        role = "try_break" if isinstance(j, gast.Break) else "try_continue"
        name = flags.setdefault(_key(j), state.namer.unique(role))
        over = _under_tensor_if(stmts, j)
        # a jump after a lowered `if` that jumps ends up in its other branch (restructure):
        # its flag is then that tf.cond's output
        before = [] if over is not None else [n for n in lowered_ifs if _at(n) < _at(j)]
        tensor[name] = tensor.get(name, []) + ([over] if over is not None else before)
        if (over is None and before) or (over is not None and _may_skip(node, stmts, over, jumps, lowered_ifs)):
            maybe.add(name)
    originals = {name: next(j for j in jumps if flags[_key(j)] == name) for name in flags.values() if name}
    body_flags = sorted({flags[_key(j)] or "" for j in _jumps(node.body)} - {""})
    inner = _hoist_inits(node)
    node.body = _replace(restructure(node.body, JUMPS, state), flags, False)
    for h in node.handlers:
        h.body = _replace(restructure(h.body, JUMPS, state), flags, False) or [gast.Pass()]
    if node.orelse:
        orelse = _replace(restructure(node.orelse, JUMPS, state), flags, False)
        if body_flags:
            either = any(f in maybe for f in body_flags)
            orelse = [_guard(none_of(body_flags, state, either), orelse, node.orelse[0], loop,
                             [i for f in body_flags for i in tensor[f]], either)]
        node.orelse = orelse
    node.finalbody = _replace(restructure(node.finalbody, JUMPS, state), flags, True)
    before = inner + [_init(f) for f in flags.values() if f]
    for s in before:
        s.lineno, s.col_offset = node.lineno, node.col_offset
    after = []
    for name, jump in originals.items():
        again = copy.copy(jump)
        if get(jump, Anno.FLAG, None):
            put(again, Anno.FLAG, get(jump, Anno.FLAG))
        after.append(_guard(flag(name), [again], node, loop, tensor[name], name in maybe))
    invalidate(node)
    return before + [node] + after


def _visit(stmts: List, loop, state: LowerContext, loop_body: bool = False) -> List:
    out = []
    for i, stmt in enumerate(stmts):
        if isinstance(stmt, SCOPES):
            out.append(stmt)
            continue
        inner = stmt if isinstance(stmt, LOOPS) and is_lowered(stmt) else (
            None if isinstance(stmt, LOOPS) else loop)
        for field in ("body", "orelse", "finalbody"):
            if getattr(stmt, field, None):
                scope = loop if (isinstance(stmt, LOOPS) and field == "orelse") else inner
                setattr(stmt, field, _visit(getattr(stmt, field), scope, state,
                                            inner is stmt and field == "body"))
        for h in getattr(stmt, "handlers", None) or ():
            h.body = _visit(h.body, inner, state)
        if isinstance(stmt, gast.Try) and loop is not None and _jumps([stmt]):
            out.extend(lift(stmt, loop, state, loop_body and i == len(stmts) - 1))
        else:
            out.append(stmt)
    return out


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    """Jumps out of a `try` in a lowered loop body -> flags tested after the `try`."""
    fn.body = _visit(fn.body, None, ctx)
    return fn
