"""Activity: which names each statement reads, may write, must write, and reads first.

Attaches to every statement a ``Summary`` (cached on the node, key ``Anno.SUMMARY``):
  reads     names loaded anywhere in the statement (closures included, and what a local
            closure reads where a call of it carries ``Anno.CALL_READS``)
  writes    names possibly bound (may-def); `x[k] = v` changes the value of `x`, so it
            writes `x` too (a container assigned by item is loop or branch state)
  mustdef   names bound on every path that falls through
  exposed   names read before any write on some path (upward-exposed uses)
  exits     True when no path falls through (every path returns or raises)
Structured, bottom-up, linear in the size of the function: no fixpoint is needed.
"""
from __future__ import annotations

import copy
import dataclasses
from typing import FrozenSet, Iterable, List

import gast

from ..ground.anno import Anno, drop, get, has, put
from ..ground.syntax import EMPTY, JUMPS, all_args, children, always_exits, item_roots, map_blocks, target_names
from ..ground.syntax import walk_unordered as _walk


@dataclasses.dataclass(frozen=True)
class Summary:
    reads: FrozenSet[str] = EMPTY
    writes: FrozenSet[str] = EMPTY
    mustdef: FrozenSet[str] = EMPTY
    exposed: FrozenSet[str] = EMPTY
    exits: bool = False


def expr_reads(node) -> FrozenSet[str]:
    """Names an expression loads, minus those bound by its own lambdas/comprehensions."""
    if node is None:
        return EMPTY
    loads, bound, walrus = set(), set(), set()
    for sub in _walk(node):  # one walk: this runs for every statement
        if isinstance(sub, gast.Name):
            if isinstance(sub.ctx, gast.Load):
                loads.add(sub.id)
            elif isinstance(sub.ctx, (gast.Store, gast.Param)) and not isinstance(sub.ctx, gast.Del):
                bound.add(sub.id)
        elif isinstance(sub, gast.Lambda):
            bound.update(a.id for a in all_args(sub.args))
        elif isinstance(sub, gast.NamedExpr):
            walrus.add(sub.target.id)
        elif isinstance(sub, gast.Call) and has(sub, Anno.CALL_READS):
            loads.update(get(sub, Anno.CALL_READS))  # a local closure reads them when called
    return frozenset(loads - (bound - walrus))


def _walrus_targets(node):
    return {n.target.id for n in _walk(node) if isinstance(n, gast.NamedExpr)}


def _target_reads(target) -> FrozenSet[str]:
    if isinstance(target, (gast.Attribute, gast.Subscript)):
        return expr_reads(target)
    if isinstance(target, (gast.Tuple, gast.List)):
        return frozenset().union(*(_target_reads(e) for e in target.elts)) if target.elts else EMPTY
    return EMPTY


_SCOPES = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)


def live_writes(stmts: List) -> FrozenSet[str]:
    """The names `stmts` may assign, not counting dead code after a jump (lowering drops
    it, jumps.drop_dead_code: a loop does not carry what only dead code assigns)."""
    if not any(isinstance(n, JUMPS) for s in stmts for n in _walk(s)):
        return block_summary(stmts).writes
    return block_summary(_live(stmts)).writes


def _live(stmts: List) -> List:
    """Shallow copies of `stmts` without the statements after one that always jumps."""
    out = []
    for stmt in stmts:
        if not isinstance(stmt, _SCOPES):
            stmt = copy.copy(stmt)
            drop(stmt, Anno.SUMMARY)
            if getattr(stmt, "handlers", None):
                stmt.handlers = [copy.copy(h) for h in stmt.handlers]  # map_blocks sets their bodies
            map_blocks(stmt, _live)
        out.append(stmt)
        if always_exits([stmt], JUMPS):
            break
    return out


def block_summary(stmts: Iterable) -> Summary:
    reads, writes, mustdef, exposed = set(), set(), set(), set()
    exits = False
    for stmt in stmts:
        s = summarize(stmt)
        reads |= s.reads
        writes |= s.writes
        if not exits:
            exposed |= s.exposed - mustdef
            mustdef |= s.mustdef
            exits = s.exits
    return Summary(frozenset(reads), frozenset(writes), frozenset(mustdef), frozenset(exposed), exits)


def _function_free_reads(node) -> FrozenSet[str]:
    """Free names a nested def/lambda reads: a closure reads them when it runs."""
    params = {a.id for a in all_args(node.args)}
    body = block_summary(node.body)
    defaults = frozenset().union(*(expr_reads(d) for d in node.args.defaults + node.args.kw_defaults if d))
    decos = frozenset().union(*(expr_reads(d) for d in getattr(node, "decorator_list", [])))
    return (body.reads - params - body.writes) | defaults | decos


def summarize(stmt) -> Summary:
    cached = get(stmt, Anno.SUMMARY)
    if cached is not None:
        return cached
    s = _summarize(stmt)
    put(stmt, Anno.SUMMARY, s)
    return s


def _simple(reads, writes=EMPTY, exits=False) -> Summary:
    reads, writes = frozenset(reads), frozenset(writes)
    return Summary(reads, writes, writes, reads, exits)


def _summarize(stmt) -> Summary:
    if isinstance(stmt, gast.Assign):
        writes = frozenset().union(*(target_names(t) | item_roots(t) for t in stmt.targets))
        reads = expr_reads(stmt.value).union(*(_target_reads(t) for t in stmt.targets))
        return _simple(reads, writes)
    if isinstance(stmt, gast.AugAssign):
        writes = target_names(stmt.target) | item_roots(stmt.target)
        return _simple(expr_reads(stmt.value) | writes | _target_reads(stmt.target), writes)
    if isinstance(stmt, gast.AnnAssign):
        writes = target_names(stmt.target) if stmt.value is not None else EMPTY
        return _simple(expr_reads(stmt.value) | _target_reads(stmt.target), writes)
    if isinstance(stmt, gast.Return):
        return _simple(expr_reads(stmt.value), exits=True)
    if isinstance(stmt, gast.Raise):
        return _simple(expr_reads(stmt.exc) | expr_reads(stmt.cause), exits=True)
    if isinstance(stmt, COMPOUND):
        return _compound(stmt)
    if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef)):
        return _simple(_function_free_reads(stmt), [stmt.name])
    if isinstance(stmt, gast.ClassDef):
        reads = frozenset().union(*(expr_reads(b) for b in stmt.bases + stmt.decorator_list))
        return _simple(reads, [stmt.name])
    if isinstance(stmt, (gast.Import, gast.ImportFrom)):
        return _simple(EMPTY, [(a.asname or a.name).split(".")[0] for a in stmt.names])
    if isinstance(stmt, gast.Delete):
        names = frozenset().union(*(target_names(t) for t in stmt.targets))
        return Summary(expr_reads(gast.Tuple(elts=stmt.targets, ctx=gast.Load())) | names, names,
                       EMPTY, names)
    if isinstance(stmt, (gast.Global, gast.Nonlocal, gast.Pass, gast.Break, gast.Continue)):
        return Summary()
    # Expr, Assert and anything else: loads only (plus walrus targets)
    reads, writes = set(), set()
    for child in children(stmt):
        reads |= expr_reads(child)
        writes |= _walrus_targets(child)
    return _simple(reads, writes)


COMPOUND = (gast.If, gast.While, gast.For, gast.With, gast.Try)


def _compound(stmt) -> Summary:
    """Summaries of statements with bodies, from their blocks' summaries."""
    if isinstance(stmt, gast.If):
        body, orelse = block_summary(stmt.body), block_summary(stmt.orelse)
        test = expr_reads(stmt.test)
        if body.exits and orelse.exits:
            mustdef = body.mustdef | orelse.mustdef
        elif body.exits:
            mustdef = orelse.mustdef
        elif orelse.exits:
            mustdef = body.mustdef
        else:
            mustdef = body.mustdef & orelse.mustdef
        return Summary(test | body.reads | orelse.reads, body.writes | orelse.writes, mustdef,
                       test | body.exposed | orelse.exposed, body.exits and orelse.exits)
    if isinstance(stmt, gast.While):
        body, orelse = block_summary(stmt.body), block_summary(stmt.orelse)
        test = expr_reads(stmt.test)
        return Summary(test | body.reads | orelse.reads, body.writes | orelse.writes, EMPTY,
                       test | body.exposed | orelse.exposed)
    if isinstance(stmt, gast.For):
        body, orelse = block_summary(stmt.body), block_summary(stmt.orelse)
        it, tgt = expr_reads(stmt.iter) | _target_reads(stmt.target), target_names(stmt.target)
        return Summary(it | body.reads | orelse.reads, tgt | body.writes | orelse.writes, EMPTY,
                       it | (body.exposed - tgt) | orelse.exposed)
    if isinstance(stmt, gast.With):
        items = frozenset().union(*(expr_reads(i.context_expr) for i in stmt.items))
        bound = frozenset().union(*(target_names(i.optional_vars) for i in stmt.items if i.optional_vars))
        body = block_summary(stmt.body)
        return Summary(items | body.reads, bound | body.writes, bound | body.mustdef,
                       items | (body.exposed - bound), body.exits)
    if isinstance(stmt, (gast.Try, gast.TryStar)):
        parts = [block_summary(stmt.body), block_summary(stmt.orelse), block_summary(stmt.finalbody)]
        parts += [block_summary(h.body) for h in stmt.handlers]
        reads = frozenset().union(*(p.reads for p in parts), *(expr_reads(h.type) for h in stmt.handlers))
        writes = frozenset().union(*(p.writes for p in parts))
        writes |= frozenset(h.name.id for h in stmt.handlers if isinstance(h.name, gast.Name))
        # read before written: the body's, its `else`'s after the body, and (they may run
        # after any part of the body) every handler's and the `finally`'s
        exposed = (parts[0].exposed | (parts[1].exposed - parts[0].mustdef) | parts[2].exposed
                   | frozenset().union(*(p.exposed for p in parts[3:]))
                   | frozenset().union(*(expr_reads(h.type) for h in stmt.handlers)))
        return Summary(reads, writes, parts[2].mustdef, exposed)
    raise TypeError(type(stmt).__name__)


def live_in(stmt, live_out: FrozenSet[str]) -> FrozenSet[str]:
    s = summarize(stmt)
    return s.exposed if s.exits else s.exposed | (live_out - s.mustdef)


def live_outs(stmts: List, live_out: FrozenSet[str]) -> List[FrozenSet[str]]:
    """Live-out set of each statement of a block, given what is live after the block."""
    result = [EMPTY] * len(stmts)
    live = frozenset(live_out)
    for i in range(len(stmts) - 1, -1, -1):
        result[i] = live
        live = live_in(stmts[i], live)
    return result


def block_live_in(stmts: List, live_out: FrozenSet[str]) -> FrozenSet[str]:
    live = frozenset(live_out)
    for stmt in reversed(stmts):
        live = live_in(stmt, live)
    return live


_HOLDERS = (gast.stmt, gast.ExceptHandler, gast.match_case)


def invalidate(node) -> None:
    """Drop cached summaries under a node that a pass rewrote.

    Summaries live on statements only, and statements only in statement lists: the walk
    skips expressions (most of the tree)."""
    stack = [node]
    pop, push = stack.pop, stack.append
    while stack:
        sub = pop()
        drop(sub, Anno.SUMMARY)
        for field in sub._fields:
            value = getattr(sub, field, None)
            if isinstance(value, list):
                for v in value:
                    if isinstance(v, _HOLDERS):
                        push(v)
