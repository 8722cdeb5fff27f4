"""Closures that read a name lowered control flow rebinds: defined again in each generated
branch/loop function that holds its own version of the name, so that a call there reads
the current value, as the same call does eagerly.

Before:                              After:
    b = 1                                b = 1
    grow = lambda: b * 2                 grow = lambda: b * 2
    while k < n:                         def loop_body(b, k):
        k += 1                               # line 2: `grow` again, reading this function's `b`
        b = (b + grow()) % 7                 grow = lambda: b * 2
    return b                                 k += 1
                                             b = (b + grow()) % 7
                                             return b, k
                                         b, k = tf.while_loop(loop_cond, loop_body, (b, k))
Only a closure this can copy faithfully is handled (`rebindable`): a plain `def` or a
`name = lambda ...` bound once, with constant defaults and no
decorators, never aliased, copied only into the generated functions that come after it in its
own block; checks.py refuses the others (AGX211/AGX213).
"""
from __future__ import annotations

import copy
from typing import Dict, FrozenSet, List

import gast

from ..analysis.activity import expr_reads, summarize
from ..ground.anno import Anno, get, put
from ..ground.syntax import blocks_of, walk
from .common import LowerContext

def _name(stmt):
    if isinstance(stmt, gast.FunctionDef):
        return stmt.name
    if (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name)
            and isinstance(stmt.value, gast.Lambda)):
        return stmt.targets[0].id
    return None


def _constant_defaults(args) -> bool:
    return all(isinstance(d, gast.Constant) for d in list(args.defaults) + [d for d in args.kw_defaults if d])


def _reads(stmt) -> FrozenSet[str]:
    return expr_reads(stmt.value) if isinstance(stmt, gast.Assign) else summarize(stmt).reads


def _blocks(stmts):
    """Every statement list of the function's own scope (not of its nested defs), the bodies
    of generated branch/loop functions included: code a `return` moved into a branch
    (jumps.restructure) is in the function the branch became."""
    yield stmts
    for stmt in stmts:
        if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            if get(stmt, Anno.GENERATED, False):
                yield from _blocks(stmt.body)
            continue
        for block in blocks_of(stmt):
            yield from _blocks(block)


def _top(stmts):
    for block in _blocks(stmts):
        yield from block


def region(fn, stmt) -> FrozenSet[int]:
    """The ids of the nodes after `stmt` in its own block: where a copy of it is faithful
    (code there runs after the closure is defined, on every path that defines it)."""
    for block in _blocks(fn.body):
        for i, s in enumerate(block):
            if s is stmt:
                return frozenset(id(n) for later in block[i + 1:] for n in walk(later))
    return frozenset()


def rebindable(fn) -> Dict[str, List[gast.stmt]]:
    """name -> defining statements of each closure of `fn` that can be copied (into the
    generated functions of their `region`s): one definition, or its copies on exclusive
    paths (jumps.restructure copies the code after an `if` into both branches)."""
    found: Dict[str, List[gast.stmt]] = {}
    for stmt in _top(fn.body):
        name = _name(stmt)
        if name is None or (isinstance(stmt, gast.FunctionDef) and (stmt.decorator_list or get(stmt, Anno.GENERATED, False))):
            continue  # agx's own branch/loop functions are defined where they are used
        args = stmt.args if isinstance(stmt, gast.FunctionDef) else stmt.value.args
        if _constant_defaults(args):
            found.setdefault(name, []).append(stmt)
    if not found:
        return found
    bound: Dict[str, int] = {}
    called = {id(n.func) for n in walk(fn) if isinstance(n, gast.Call)}
    for node in walk(fn):
        if node is fn or get(node, Anno.GENERATED, False):
            continue
        if isinstance(node, (gast.FunctionDef, gast.ClassDef, gast.AsyncFunctionDef)):
            bound[node.name] = bound.get(node.name, 0) + 1
        elif isinstance(node, gast.Name) and isinstance(node.ctx, (gast.Store, gast.Del)):
            bound[node.id] = bound.get(node.id, 0) + 1
        elif isinstance(node, gast.Name) and node.id in found and id(node) not in called:
            found.pop(node.id)  # passed or stored (`h = grow`): calls through it are not seen
    return {n: ss for n, ss in found.items()
            if bound.get(n) == len(ss) and len({(s.lineno, s.col_offset) for s in ss}) == 1}


def _locals(g) -> FrozenSet[str]:
    names = {a.id for a in g.args.args}
    for stmt in g.body:
        names |= summarize(stmt).writes
    return frozenset(names)


def _generated(fn) -> List[gast.FunctionDef]:
    """The generated functions of `fn` (not those of its own nested user defs)."""
    out, stack = [], list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, gast.FunctionDef):
            if not get(node, Anno.GENERATED, False):
                continue
            out.append(node)
        stack.extend(gast.iter_child_nodes(node))
    return out


def mark(fn, ctx: LowerContext):
    """Before lowering: each call of a closure `rebindable` handles reads what the closure
    reads (liveness then keeps `y` after `if x > 0: y = 5` when `g()` reads it later)."""
    closures = rebindable(fn)
    for node in walk(fn) if closures else ():  # no closure: no call of one
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and node.func.id in closures:
            put(node, Anno.CALL_READS, _reads(closures[node.func.id][0]))
    return fn


def transform(fn, ctx: LowerContext):
    closures = rebindable(fn)
    if not closures:
        return fn
    regions = [(name, stmt, region(fn, stmt)) for name, stmts in closures.items() for stmt in stmts]
    for g in _generated(fn):
        own = _locals(g)
        used = {n.id for n in walk(g) if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load)}
        copies = []
        for name, stmt, where in regions:
            names = sorted(_reads(stmt) & own)
            if name in used and names and name not in own and id(g) in where:
                again = copy.deepcopy(stmt)
                shown = ", ".join(f"`{n}`" for n in names)
                put(again, Anno.COMMENT, [f"# line {stmt.lineno}: `{name}` again, reading this function's {shown}"])
                copies.append(again)
        g.body[:0] = copies
    return fn

