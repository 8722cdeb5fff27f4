"""Target tf2: explicit control dependencies where tf.function's automatic ones fall short.

tf.function orders stateful ops that share a resource, and print ops among themselves, but
not a `While`/`If` op whose *body* has side effects relative to other stateful ops: a
`tf.print` before a loop that prints can run after it (AutoGraph's output has the same
problem). When a lowered branch or loop body has side effects, the function gets the same
explicit ordering as the tf1 target (`lower.ordering.EffectOrdering`), so effects happen in
program order, as in eager execution. Only a scope that runs such a branch or loop *and*
has another stateful statement needs it: functions without one are left untouched.
"""
from __future__ import annotations

from typing import Set

import gast

from ..ground.anno import Anno, get
from ..ground.syntax import walk
from ..ground.tfapi import is_variable_call
from .common import LowerContext
from .effects import COMPOUND, Effects
from .ordering import EffectOrdering


def module_variables(tree: gast.Module, state: LowerContext) -> Set[str]:
    """Module-level names bound to `tf.Variable(...)`."""
    return {t.id for s in tree.body if isinstance(s, gast.Assign) and is_variable_call(s.value, state.ctx)
            for t in s.targets if isinstance(t, gast.Name)}


def order_effects(fn: gast.FunctionDef, state: LowerContext, variables: Set[str],
                  decorated: bool = False) -> bool:
    """Add control dependencies to `fn` where automatic ones would misorder its effects: a
    scope (the function or a branch/loop function) holding a stateful `tf.cond`/`tf.while_loop`
    and another stateful statement. Effects of straight-line ops among themselves, and one
    stateful loop with nothing else stateful beside it, are tf.function's to order. A
    tf.function (`decorated`) that returns nothing keeps returning nothing (not a tf.group op)."""
    probe = Effects(state, variables)
    defs = [d for d in walk(fn) if isinstance(d, gast.FunctionDef)]
    generated = [d for d in defs if get(d, Anno.GENERATED, False)]
    effectful = {d.name for d in generated if any(probe.stateful(s) for s in d.body)}
    if not effectful:  # nothing stateful to spread
        return False
    names = {id(d): {n.id for s in d.body for n in walk(s) if isinstance(n, gast.Name)} for d in generated}
    for _ in range(len(generated)):  # a loop body running a stateful branch is stateful too
        more = {d.name for d in generated if d.name not in effectful and names[id(d)] & effectful}
        if not more:
            break
        effectful |= more
    scopes = [fn] + [d for d in defs if d is not fn]
    if not any(_misordered(scope, probe, effectful) for scope in scopes):
        return False
    EffectOrdering(state, variables).run(fn, returns_op=not decorated)
    return True


def _misordered(scope, probe: Effects, effectful: Set[str]) -> bool:
    """Two stateful statements in `scope`, one of them running a stateful branch or loop body."""
    stateful = flow = 0
    for stmt in _statements(scope.body):
        calls = any(isinstance(n, gast.Name) and n.id in effectful for n in walk(stmt))
        if calls or probe.stateful(stmt):
            stateful += 1
            flow += calls
    return stateful >= 2 and flow >= 1


def _statements(stmts):
    """The simple statements of a block, through Python compound statements (not into defs)."""
    for stmt in stmts:
        if isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
            continue
        if isinstance(stmt, COMPOUND):
            heads = [getattr(stmt, f, None) for f in ("test", "iter")]
            yield from (gast.Expr(value=h) for h in heads if h is not None)
            times = 2 if isinstance(stmt, (gast.For, gast.While)) else 1  # unrolled: runs again
            for _ in range(times):
                yield from _statements(list(Effects.children(stmt)))
        else:
            yield stmt
