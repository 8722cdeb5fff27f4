"""Target tf2: explicit control dependencies where tf.function's automatic ones fall short.

tf.function orders stateful ops that share a resource, and print ops among themselves, but
not a `While`/`If` op whose *body* has side effects relative to other stateful ops: a
`tf.print` before a loop that prints can run after it (AutoGraph's output has the same
problem). When a lowered branch or loop body has side effects, the function gets the same
explicit ordering as the tf1 target (`lower.ordering.EffectOrdering`), so effects happen in
program order, as in eager execution. Functions without such effects are left untouched.
"""
from __future__ import annotations

from typing import Set

import gast

from ..ground.anno import Anno, get
from ..ground.syntax import walk
from ..ground.tfapi import is_variable_call
from .common import LowerContext
from .effects import Effects
from .ordering import EffectOrdering


def module_variables(tree: gast.Module, state: LowerContext) -> Set[str]:
    """Module-level names bound to `tf.Variable(...)`."""
    return {t.id for s in tree.body if isinstance(s, gast.Assign) and is_variable_call(s.value, state.ctx)
            for t in s.targets if isinstance(t, gast.Name)}


def order_effects(fn: gast.FunctionDef, state: LowerContext, variables: Set[str],
                  decorated: bool = False) -> bool:
    """Add control dependencies to `fn` if a branch or loop body of it has side effects; a
    tf.function (`decorated`) that returns nothing keeps returning nothing (not a tf.group op)."""
    probe = Effects(state, variables)
    generated = [d for d in walk(fn) if isinstance(d, gast.FunctionDef) and get(d, Anno.GENERATED, False)]
    if not any(probe.stateful(s) for d in generated for s in d.body):
        return False
    EffectOrdering(state, variables).run(fn, returns_op=not decorated)
    return True
