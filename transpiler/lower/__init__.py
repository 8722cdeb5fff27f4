"""The lowering pipeline for one function: one pass per construct, each a
`transform(fn, ctx) -> fn` with its Before/After in its module's docstring.

    chains                   `0 < x < 5` on Tensors -> logical_and of the pairs (tf1: in its prepare)
    checks                   refusals that need the whole function first (del, loop dtypes)
    closures.mark            a call of a local closure reads what the closure reads (liveness)
    iterators                `for` over an iterator, or a dataset with break/return -> a
                             `while` over get_next_as_optional()
    builtins                 print of a Tensor -> tf.print, under AutoGraph's BUILTIN_FUNCTIONS option
    attributes               `self.x = ...` inside lowered control flow -> a local around it
    jumps.lower_returns      dead code after jumps dropped; a `finally` that always returns
                             overrides the `try`'s returns (finally_returns); `return` in a `try` in a lowered `if`
                             -> flags (try_returns); `return` in lowered loops -> flags;
                             if-return restructuring
    try_jumps                break/continue/return out of a `try` in a lowered loop -> flags
    lists                    list appended in lowered control flow -> tf.TensorArray
    popped                   `l.pop()` there, on a literal list -> TensorArray + a size variable
    containers               other Python container mutation there -> AGX205 (refusal)
    jumps.lower_loop_jumps   break/continue in lowered loops -> structure + flags
    item_state               `x[k] = v` in a tensor `if` branch -> the branch copies `x` first
    control_flow             if -> tf.cond, for -> while -> tf.while_loop (liveness-driven)
    closures                 a closure reading a name lowering rebinds -> defined again in the
                             generated functions holding that name
    expressions              ternary, and/or/not, assert on Tensors
    decorators               tf.function(...) -> tf.function(..., autograph=False)

The passes work on a copy of the analysed tree (the driver makes it). Activity summaries
cached on statements are dropped after every pass here; a pass that rewrites a statement
and reads summaries of it again drops them itself (`activity.invalidate`). Then, per
target: order_tf2 (control dependencies where effects need them) or the tf1 target's
ordering pass (`targets/`).
"""
from __future__ import annotations

import gast

from ..analysis.activity import invalidate
from ..ground.anno import Anno, get
from ..ground.syntax import LOOPS, contains, map_blocks, walk, walk_body
from . import (attributes, builtins, chains, checks, closures, containers, control_flow, decorators, expressions,
               finally_returns, item_state, iterators, lists, popped, python_breaks, try_jumps, try_returns)
from .common import LowerContext, is_lowered
from .jumps import drop_dead_code, lower_loop_jumps, lower_returns, mark_maybe_python, restructure_continues


def _returns(fn, ctx: LowerContext):
    dropped = set()
    fn.body = drop_dead_code(fn.body, dropped)
    invalidate(fn)
    if dropped:  # the analysis saw those assignments: a condition on them may now be Python
        mark_maybe_python(fn.body, dropped)
    finally_returns.transform(fn, ctx)
    try_returns.lift(fn, ctx)
    fn.body = lower_returns(fn.body, ctx)
    return fn


def _loop_jumps(fn, ctx: LowerContext):
    fn.body = _lower_jumps_in(fn.body, ctx)
    return fn


PIPELINE = (
    chains.transform,
    checks.transform,
    closures.mark,
    iterators.transform,
    builtins.transform,
    attributes.transform,
    _returns,
    try_jumps.transform,
    lists.transform,
    popped.transform,
    containers.transform,
    _loop_jumps,
    item_state.transform,
    control_flow.transform,
    closures.transform,
    expressions.transform,
)


def _lower_jumps_in(stmts, state):
    """Apply break/continue lowering to every lowered loop, innermost first."""
    out = []
    for stmt in stmts:
        if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
            map_blocks(stmt, lambda b: _lower_jumps_in(b, state))
        if isinstance(stmt, LOOPS) and is_lowered(stmt):
            out.extend(lower_loop_jumps(stmt, state))
        elif isinstance(stmt, gast.For) and get(stmt, Anno.PYTHON_BREAK):
            out.extend(python_breaks.lower(stmt, state))  # stays Python, its body guarded
        else:
            if isinstance(stmt, LOOPS) and _tensor_continue(stmt.body):
                stmt.body = restructure_continues(stmt.body, state)  # Python loop stays Python
            out.append(stmt)
    return out


def _tensor_continue(body) -> bool:
    return any(isinstance(n, gast.If) and is_lowered(n) and contains(n.body + n.orelse, (gast.Continue,), False)
               for n in walk_body(body, into_loops=False))


def _lower_nested(stmts, ctx: LowerContext) -> None:
    """Nested defs first (innermost first): each is lowered as a function of its own, since it
    runs in the graph when called there (flow.py decided its body)."""
    for stmt in walk_body(stmts):
        if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef)) and any(
                is_lowered(n) for n in walk(stmt) if n is not stmt):
            lower_function(stmt, ctx, decorated=False)


def lower_function(fn: gast.FunctionDef, ctx: LowerContext, decorated: bool) -> gast.FunctionDef:
    """Run the pipeline on `fn` (a copy: it is rewritten in place and returned)."""
    _lower_nested(fn.body, ctx)
    ctx.declared_global = {n for s in walk_body(fn.body) if isinstance(s, (gast.Global, gast.Nonlocal))
                           for n in s.names}
    ctx.namer.enter()  # generated names are counted per function
    try:
        for transform in PIPELINE:
            fn = transform(fn, ctx)
            invalidate(fn)
    finally:
        ctx.namer.leave()
    return decorators.transform(fn, ctx) if decorated else fn
