"""`return` inside a `try` (or a `with`) that a lowered `if` encloses or contains, or under
Python `if`s only in a function whose other returns are graph values (under a lowered `if` or
loop), outside any lowered loop: the return leaves the `try` through a flag and a value.

A `try` (a `with`: the same, with a body only, whose `__exit__` runs where the block ends,
as it does when Python returns from inside it) stays Python; a graph branch (the `tf.cond` the `if` becomes) cannot return from
the middle of a `try` with code after it, so each `return E` there becomes `return_value =
E` and `did_return = True`, the rest of its block moves under the `if` (jumps.restructure),
and after the `try` (after its `finally` ran, as in Python) `if did_return: return
return_value`, which the function-level return lowering (jumps.lower_returns) turns into a
`tf.cond` like any other. The value is evaluated before the `finally` runs, as Python does.
`return_value` starts as the function's last `return <expression>`, or when that is not
safe to evaluate before the block (an indexing, a division, a call other than SAFE_CALLS'
element-wise ops and reductions) one the `try` returns (only its type matters: it is
overwritten before it is read); the `else:` of the `try` runs only when the body did
not return. A `return` in `finally`, or inside a Python loop there, is left to the
diagnostics (AGX105/AGX107).

Before:                          After:
    y = x                            y = x
    if x > 0:                        did_return = False
        try:                         return_value = y
            y = y + 1                if x > 0:
            if y > 3:                    try:
                return y * 10                y = y + 1
        finally:                             if y > 3:
            y = y + 100                          return_value = y * 10
    return y                                     did_return = True
                                         finally:
                                             y = y + 100
                                         if did_return:
                                             return return_value
                                     return y
"""
from __future__ import annotations

import copy
from typing import List, Optional

import gast

from ..analysis.activity import block_summary, expr_reads, invalidate
from ..analysis.exprs import PURE_NODES
from ..ground.tfapi import tf_api
from ..ground.anno import Anno, get, put
from ..ground.syntax import LOOPS, SCOPES, always_exits, copy_tree, map_blocks, param_names, walk_body
from . import templates as T
from .common import LowerContext, assign, decided, flag, is_lowered, none_of
from .jumps import restructure


# TensorFlow calls an initial value may make (positional arguments at most): element-wise ops,
# casts and whole-tensor reductions. They have no effects and depend on dtypes (and, like `+`,
# broadcasting), not on values; the graph traces the same expression anyway (both branches of
# a tf.cond are traced). Not an indexing, a gather, a division, an `axis=`, a call of the
# user's: those may raise on values the block has not yet made, or have effects.
SAFE_CALLS = {name: 1 for name in (
    "abs", "math.abs", "square", "math.square", "negative", "math.negative", "identity", "sign",
    "math.sign", "zeros_like", "ones_like", "stop_gradient", "exp", "math.exp", "tanh", "math.tanh",
    "sigmoid", "math.sigmoid", "nn.relu", "round", "math.round", "floor", "math.floor", "ceil",
    "math.ceil", "reduce_sum", "math.reduce_sum", "reduce_mean", "math.reduce_mean", "reduce_max",
    "math.reduce_max", "reduce_min", "math.reduce_min", "reduce_prod", "math.reduce_prod",
    "reduce_any", "math.reduce_any", "reduce_all", "math.reduce_all", "size", "rank")}
SAFE_CALLS.update({name: 2 for name in (
    "cast", "dtypes.cast", "maximum", "math.maximum", "minimum", "math.minimum", "add", "math.add",
    "subtract", "math.subtract", "multiply", "math.multiply")})


def _safe(node, ctx) -> bool:
    """Safe to evaluate before the block, where Python may not (its value is overwritten before
    it is read): a simple expression (no indexing, division or call) or SAFE_CALLS of them."""
    if isinstance(node, gast.Call):
        arity = SAFE_CALLS.get(tf_api(node.func, ctx))
        return (arity is not None and len(node.args) <= arity and not node.keywords
                and not any(isinstance(a, gast.Starred) for a in node.args)
                and all(_safe(a, ctx) for a in node.args))
    if isinstance(node, gast.BinOp) and isinstance(node.op, (gast.Div, gast.FloorDiv, gast.Mod, gast.Pow)):
        return False
    if not isinstance(node, PURE_NODES + (gast.BinOp,)):
        return False
    return all(_safe(child, ctx) for child in gast.iter_child_nodes(node))


def _reads(expr, state: LowerContext) -> set:
    """The names `expr` reads, TensorFlow's module name aside (`tf.abs(y)` reads `y`)."""
    return {n for n in expr_reads(expr) if not state.ctx.tf.is_tf(n)}


def _returns(stmts) -> List[gast.Return]:
    return [n for n in walk_body(stmts, into_loops=True) if isinstance(n, gast.Return)]


def _in_loop(stmts, ret) -> bool:
    return any(isinstance(n, LOOPS) and any(r is ret for r in _returns(n.body + n.orelse))
               for n in walk_body(stmts, into_loops=True))


def _lowered_if_over(stmts, ret) -> Optional[gast.If]:
    """The innermost lowered `if` inside `stmts` whose branches hold `ret`."""
    found = None
    for node in walk_body(stmts, into_loops=False):
        if isinstance(node, gast.If) and is_lowered(node) and any(
                r is ret for r in _returns(node.body + node.orelse)):
            found = node
    return found


def _blocks(node) -> List:
    """The statements of a `try` (or `with`) a `return` may leave from (not its `finally`)."""
    return node.body + getattr(node, "orelse", []) + [s for h in getattr(node, "handlers", []) for s in h.body]


def _liftable(node, enclosing: Optional[gast.If], graph_returns: bool) -> bool:
    blocks = _blocks(node)
    rets = _returns(blocks)
    if not rets or _returns(getattr(node, "finalbody", [])) or any(_in_loop(blocks, r) for r in rets):
        return False
    if always_exits(node.body, (gast.Return,)):
        return False  # jumps.restructure handles a body that always returns
    return graph_returns or enclosing is not None or any(_lowered_if_over(blocks, r) for r in rets)


def _graph_returns(fn) -> bool:
    """A `return` under a lowered `if` or loop anywhere in `fn`: the returns become a graph
    value, so a `try`'s return under Python `if`s only still leaves the `try` through a flag
    (its code after the block may end up in a graph branch: the loop's `if not did_return`)."""
    return any(isinstance(n, (gast.If, gast.While, gast.For)) and is_lowered(n) and _returns(n.body + n.orelse)
               for n in walk_body(fn.body, into_loops=True))


def _replace(stmts: List, value: str, did: str) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, gast.Return):
            out.append(assign(value, stmt.value or T.constant(None)))
            out.append(assign(did, T.constant(True)))
            continue
        if isinstance(stmt, (gast.If, gast.With, gast.Try)):
            map_blocks(stmt, lambda b: _replace(b, value, did) or [gast.Pass()], ("body", "orelse"))
        out.append(stmt)
    return out


def _guard(test, body, anchor, decision_from, maybe=False) -> gast.If:
    """`maybe`: the flag may stay a Python bool (the `if` setting it is not on every path of
    the `try`): the guard dispatches."""
    guard = gast.If(test=test, body=body, orelse=[])
    guard.lineno, guard.col_offset = anchor.lineno, anchor.col_offset
    if decision_from is not None:  # the flag is set under a lowered `if`: a Tensor (or dispatched)
        decided(guard, get(decision_from, Anno.DECISION), "tf.cond")
        d = get(guard, Anno.DECISION)
        d.construct, d.dispatch = "if", d.dispatch or maybe
        block = "with" if isinstance(anchor, gast.With) else "try"
        put(guard, Anno.LINE_TEXT, f"return from the `{block}` above")
    return guard


def _lift(node, state: LowerContext, inits: List, final) -> List:
    blocks = _blocks(node)
    safe = lambda e: _safe(e, state.ctx)
    first = final.value if safe(final.value) else next(
        (r.value for r in _returns(blocks) if r.value is not None and safe(r.value)), final.value)
    source = next((i for i in (_lowered_if_over(blocks, r) for r in _returns(blocks)) if i), None)
    maybe = source is not None and not any(source is s for s in node.body)  # under Python code
    did, value = state.namer.unique("did_return"), state.namer.unique("return_value")
    body_returns = bool(_returns(node.body))
    node.body = _replace(restructure(node.body, (gast.Return,), state), value, did) or [gast.Pass()]
    for h in getattr(node, "handlers", []):
        h.body = _replace(restructure(h.body, (gast.Return,), state), value, did) or [gast.Pass()]
    if getattr(node, "orelse", None):
        orelse = _replace(restructure(node.orelse, (gast.Return,), state), value, did)
        node.orelse = [_guard(none_of([did], state, _dispatched(source) or maybe), orelse, node.orelse[0],
                              source, maybe)] if body_returns else orelse
    inits += [assign(did, T.constant(False)), assign(value, copy.deepcopy(first))]
    for s in inits[-2:]:
        s.lineno, s.col_offset = node.lineno, node.col_offset
    invalidate(node)
    return [node, _guard(flag(did), [gast.Return(value=T.name(value))], node, source, maybe)]


def _dispatched(node) -> bool:
    d = get(node, Anno.DECISION) if node is not None else None
    return bool(d and d.dispatch)


def _visit(stmts: List, state: LowerContext, inits: List, final, enclosing, graph_returns=False) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, SCOPES) or (isinstance(stmt, LOOPS)):
            out.append(stmt)  # returns in lowered loops: jumps.returns_in_loop, try_jumps
            continue
        inner = stmt if isinstance(stmt, gast.If) and is_lowered(stmt) else enclosing
        map_blocks(stmt, lambda b: _visit(b, state, inits, final, inner, graph_returns))
        if isinstance(stmt, (gast.Try, gast.With)) and _liftable(stmt, enclosing, graph_returns):
            out.extend(_lift(stmt, state, inits, final))
        else:
            out.append(stmt)
    return out


def lift(fn: gast.FunctionDef, state: LowerContext) -> None:
    """Function level: the `try`s with a `return` in lowered `if`s -> flags (see above). Only
    when the function ends with `return <expression>` and a safe expression (`_safe`) initialises
    the return value: the final one, else one the `try` returns; its names are defined before the
    statement holding the `try` (it is evaluated there; only its type matters)."""
    body = fn.body
    final = body[-1] if body else None
    if not (isinstance(final, gast.Return) and final.value is not None):
        return
    params = set(param_names(fn))
    graph_returns = _graph_returns(fn)
    out = []
    for i, stmt in enumerate(body):
        if not any(isinstance(n, (gast.Try, gast.With)) and _returns(_blocks(n))
                   for n in walk_body([stmt], into_loops=False)):
            out.append(stmt)  # nothing to lift (and no copy: most statements)
            continue
        inits: List = []
        lifted = _visit([copy_tree(stmt)], state, inits, final, None, graph_returns)
        if inits:
            before = block_summary(body[:i]).mustdef if i else frozenset()
            bound = set(before) | params
            if not all(_safe(a.value, state.ctx) and _reads(a.value, state) <= bound for a in inits):
                lifted, inits = [stmt], []  # the initial value would read an unbound name: AGX105/107
        out.extend(inits + lifted)
    fn.body = out
    invalidate(fn)
