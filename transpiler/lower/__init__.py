"""The lowering pipeline for one function, in order (each pass states its before/after):

     checks                   refusals that need the whole function first (del, loop dtypes)
     builtins                 print of a Tensor -> tf.print, under AutoGraph's BUILTIN_FUNCTIONS option
  0. attributes               `self.x = ...` inside lowered control flow -> a local around it
  1. jumps.lower_returns      `return` in lowered loops -> flags; if-return restructuring
  2. lists.ListLowering       list appended in lowered control flow -> tf.TensorArray;
     containers               other Python container mutation there -> AGX205
  3. jumps.lower_loop_jumps   break/continue in lowered loops -> structure + flags
  4. control_flow             if -> tf.cond, for -> while -> tf.while_loop (liveness-driven)
  5. expressions              ternary, and/or/not, assert on Tensors
  6. decorators               tf.function(...) -> tf.function(..., autograph=False)
Then, per target: order_tf2 (control dependencies where effects need them) or the tf1
target's ordering pass.
"""
from __future__ import annotations

import gast

from ..analysis.activity import invalidate
from .common import LOOPS, FunctionState, contains, is_lowered, walk_body
from .attributes import localize_attributes
from .builtins import lower_prints
from .containers import check_containers
from .checks import check_function
from .control_flow import ControlFlowLowering
from .decorators import rewrite_decorators
from .expressions import ExpressionLowering
from .jumps import lower_loop_jumps, lower_returns, restructure_continues
from .lists import ListLowering


def _params(fn):
    a = fn.args
    names = [x.id for x in a.posonlyargs + a.args + a.kwonlyargs]
    names += [x.id for x in (a.vararg, a.kwarg) if x is not None]
    return names


def _lower_jumps_in(stmts, state):
    """Apply break/continue lowering to every lowered loop, innermost first."""
    out = []
    for stmt in stmts:
        for field in ("body", "orelse", "finalbody"):
            if getattr(stmt, field, None) and not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
                setattr(stmt, field, _lower_jumps_in(getattr(stmt, field), state))
        for h in getattr(stmt, "handlers", []) or []:
            h.body = _lower_jumps_in(h.body, state)
        if isinstance(stmt, LOOPS) and is_lowered(stmt):
            out.extend(lower_loop_jumps(stmt, state))
        else:
            if isinstance(stmt, LOOPS) and _tensor_continue(stmt.body):
                stmt.body = restructure_continues(stmt.body, state)  # Python loop stays Python
            out.append(stmt)
    return out


def _tensor_continue(body) -> bool:
    return any(isinstance(n, gast.If) and is_lowered(n) and contains(n.body + n.orelse, (gast.Continue,), False)
               for n in walk_body(body, into_loops=False))


def lower_function(fn: gast.FunctionDef, state: FunctionState, decorated: bool) -> gast.FunctionDef:
    state.declared_global = {n for s in walk_body(fn.body) if isinstance(s, (gast.Global, gast.Nonlocal))
                             for n in s.names}
    check_function(fn, state)
    lower_prints(fn, state)
    fn.body = localize_attributes(fn.body, state)
    fn.body = lower_returns(fn.body, state)
    invalidate(fn)
    ListLowering(state).run(fn)
    check_containers(fn, state)
    fn.body = _lower_jumps_in(fn.body, state)
    invalidate(fn)
    fn.body = ControlFlowLowering(state).block(fn.body, frozenset(), set(_params(fn)))
    ExpressionLowering(state).visit(fn)
    if decorated:
        rewrite_decorators(fn, state.ctx)
    return fn
