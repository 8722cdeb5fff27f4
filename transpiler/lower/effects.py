"""What is stateful in lowered code: the vocabulary of the ordering pass (lower/ordering.py).

    tf.print(...), tf.debugging.Assert/assert_*(...)     stateful calls
    v.assign_add(...), v.scatter_update(...), v.read_value()
    v (a name bound to tf.Variable), f(...) (a stateful function)

A statement is stateful when it contains one of these; `fed_by` tells when data already
orders a statement after the loop variables it reads.
"""
from __future__ import annotations

from typing import List, Set

import gast

from ..ground.anno import Anno, get
from ..ground.syntax import blocks_of, item_roots, walk
from .first_values import is_ran_check
from ..ground.tfapi import (
    ARRAY_METHODS,
    EFFECT_API_PREFIXES,
    EFFECT_APIS,
    EFFECT_METHODS,
    tf_api,
)

COMPOUND = (gast.If, gast.For, gast.While, gast.With, gast.Try, gast.TryStar)


def assigned_names(stmt) -> List[gast.Name]:
    targets = stmt.targets if isinstance(stmt, gast.Assign) else [getattr(stmt, "target", None)]
    out = []
    for t in targets:
        out.extend(t.elts if isinstance(t, gast.Tuple) else [t])
    return [t for t in out if isinstance(t, gast.Name)]


CONTAINER_DISPLAYS = (gast.List, gast.Tuple, gast.Dict, gast.ListComp, gast.DictComp)


class Effects:
    """Classifies expressions and statements of one function as stateful or not."""

    def __init__(self, state, variables=(), stateful_functions=()):
        self.state = state
        self.variables: Set[str] = set(variables)          # names bound to tf.Variable
        self.stateful_functions: Set[str] = set(stateful_functions)  # stateful module functions
        self.arrays: Set[str] = set()                      # TensorArray names

    def mentions_effects(self, fn) -> bool:
        """Whether `fn` (nested functions included) has a stateful op: a cheap pre-scan."""
        return any(self.stateful_expr(s) for s in fn.body)

    # -- what is stateful --------------------------------------------------------------------
    def array_names(self, fn) -> Set[str]:
        arrays: Set[str] = set()
        for _ in range(3):  # `ta = ta.write(...)` chains reach a fixpoint quickly
            for node in walk(fn):
                if isinstance(node, gast.Assign) and isinstance(node.value, gast.Call):
                    func = node.value.func
                    made = tf_api(func, self.state.ctx) == "TensorArray" or (
                        isinstance(func, gast.Attribute) and func.attr in ARRAY_METHODS
                        and isinstance(func.value, gast.Name) and func.value.id in arrays)
                    if made:
                        arrays.update(n.id for n in assigned_names(node))
        return arrays

    def rebound_arrays(self, fn, arrays: Set[str]) -> Set[str]:
        """TensorArray names later rebound to something else (`out = out.stack()`)."""
        names: Set[str] = set()
        for node in walk(fn):
            if isinstance(node, gast.Assign):
                func = node.value.func if isinstance(node.value, gast.Call) else None
                made = func is not None and (tf_api(func, self.state.ctx) == "TensorArray" or (
                    isinstance(func, gast.Attribute) and func.attr in ARRAY_METHODS))
                if not made:
                    names.update(n.id for n in assigned_names(node) if n.id in arrays)
        return names

    @staticmethod
    def container_names(fn) -> Set[str]:
        """Names that may hold a list/tuple/dict of Tensors (a display, a comprehension, an
        item assignment): gated and depended on leaf by leaf (tf.nest), never packed."""
        names: Set[str] = set()
        for node in walk(fn):
            if isinstance(node, gast.Assign):
                if isinstance(node.value, CONTAINER_DISPLAYS):
                    names.update(t.id for t in node.targets if isinstance(t, gast.Name))
                names.update(*(item_roots(t) for t in node.targets))
            elif isinstance(node, gast.AugAssign):
                names.update(item_roots(node.target))
        return names

    def effect_call(self, call) -> bool:
        api = tf_api(call.func, self.state.ctx)
        if api:
            return api in EFFECT_APIS or api.startswith(EFFECT_API_PREFIXES)
        return isinstance(call.func, gast.Attribute) and call.func.attr in EFFECT_METHODS

    def stateful_name(self, name) -> bool:
        if not isinstance(name.ctx, gast.Load):
            return False
        local = get(name, Anno.DEF, None)
        return name.id in self.variables or (get(local, Anno.STATEFUL, False) if local
                                             else name.id in self.stateful_functions)

    def stateful_expr(self, node) -> bool:
        return any((isinstance(sub, gast.Name) and self.stateful_name(sub))
                   or (isinstance(sub, gast.Call) and self.effect_call(sub)) for sub in walk(node))

    def fed_by(self, stmt, params: Set[str]) -> bool:
        """Every stateful op of `stmt` takes one of `params` as input (data orders it)."""
        receivers = set()
        for sub in walk(stmt):  # parents before children: a call before its receiver
            if isinstance(sub, gast.Call) and self.effect_call(sub):
                inputs = set()
                for arg in sub.args + [k.value for k in sub.keywords]:
                    inputs |= {n.id for n in walk(arg) if isinstance(n, gast.Name)}
                if not inputs & params:
                    return False
                receivers.add(id(getattr(sub.func, "value", None)))
            elif isinstance(sub, gast.Name) and id(sub) not in receivers and self.stateful_name(sub):
                return False
        return True

    def stateful(self, stmt) -> bool:
        if isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
            return False
        if isinstance(stmt, COMPOUND):
            heads = [getattr(stmt, f, None) for f in ("test", "iter")] + [
                i.context_expr for i in getattr(stmt, "items", []) if not self._gates_body(stmt, i)]
            if any(h is not None and self.stateful_expr(h) for h in heads):
                return True
            return any(self.stateful(s) for s in self.children(stmt))
        return self.stateful_expr(stmt)

    def _gates_body(self, stmt, item) -> bool:
        """The assert agx writes after a loop that first assigns names (first_values.py)
        gates only those names: it orders nothing else, as when it was written."""
        return is_ran_check(stmt, self.state.ctx)

    @staticmethod
    def children(stmt):
        for block in blocks_of(stmt):
            yield from block
