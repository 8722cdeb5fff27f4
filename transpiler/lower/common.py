"""Shared vocabulary of the lowering passes: the per-function state, jump queries,
boolean predicates and the line comments placed above lowered statements."""
from __future__ import annotations

import copy
import dataclasses
from typing import List, Optional

import gast

from ..ground.syntax import walk
from ..analysis.context import ModuleContext
from ..analysis.decisions import Decision
from ..diagnostics import DiagnosticSink
from ..ground.anno import Anno, get, put
from ..ground.tfapi import BOOLEAN_APIS, tf_api
from ..naming import Namer
from . import templates as T
from .dispatch import helper


@dataclasses.dataclass
class LowerContext:
    """What every lowering pass reads: one per module conversion (the driver owns it).

    `declared_global` is the one per-function field (`lower_function` resets it)."""
    ctx: ModuleContext
    sink: DiagnosticSink
    namer: Namer
    tf: str                       # how the output spells TensorFlow ("tf")
    lines: List[str]
    declared_global: set = dataclasses.field(default_factory=set)  # `global`/`nonlocal` names
    comments: dict = dataclasses.field(default_factory=dict)        # line -> trailing comment
    dispatch: dict = dataclasses.field(default_factory=dict)        # dispatch helper role -> name
    present: dict = dataclasses.field(default_factory=dict)         # role -> agx's helper already in the file

    def api(self, dotted_name: str) -> gast.expr:
        return T.attr(f"{self.tf}.{dotted_name}")

    def line_comment(self, node, what: Optional[str] = None) -> List[str]:
        line = getattr(node, "lineno", 0)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        comment = self.comments.get(line)
        if comment and text.rstrip().endswith(comment):
            text = text.rstrip()[: -len(comment)]
        text = get(node, Anno.LINE_TEXT, None) or text.strip()
        if len(text) > 70:
            text = text[:67] + "..."
        suffix = f"  -> {what}" if what else ""
        return [f"# line {line}: {text}{suffix}"] if line else []


def is_lowered(node) -> bool:
    d = get(node, Anno.DECISION)
    return bool(d and d.lowered)


def is_dispatched(node) -> bool:
    """Lowered on a value that may be a Tensor or a Python value (lower/dispatch.py)."""
    d = get(node, Anno.DECISION)
    return bool(d and d.lowered and d.dispatch)


def api_or_helper(func, state: "LowerContext"):
    """`tf.cond` -> "cond", and the dispatch helper `cond` -> "cond" too (passes that look
    for tf.cond / tf.while_loop calls treat a dispatched one alike)."""
    api = tf_api(func, state.ctx)
    if api is None and isinstance(func, gast.Name):
        return next((role for role, name in state.dispatch.items() if name == func.id), None)
    return api


def op(state: "LowerContext", name: str, dispatch: bool) -> gast.expr:
    """`tf.<name>`, or the dispatch helper of that name in dispatched code."""
    if dispatch:
        return helper(state, name)
    return state.api(name)


def range_call(state: "LowerContext", args, dispatch: bool, like) -> gast.expr:
    """`range(*args)` of Tensor bounds: `tf.range(*args)`, or the `range_of` dispatch helper
    where they may be Python numbers (Python's range() of a symbolic Tensor raises)."""
    fn = helper(state, "range_of") if dispatch else state.api("range")
    return gast.copy_location(T.call(fn, *args), like)


def decided(node, decision: Decision, lowered_to: Optional[str] = None):
    """Mark a generated node with a (lowered) decision; returns the node."""
    d = copy.copy(decision)
    d.lowered = True
    if lowered_to:
        d.lowered_to = lowered_to
    put(node, Anno.DECISION, d)
    return node


def is_boolean(expr, ctx: ModuleContext) -> bool:
    if isinstance(expr, gast.Compare) or isinstance(expr, gast.BoolOp):
        return True
    if isinstance(expr, gast.UnaryOp) and isinstance(expr.op, gast.Not):
        return True
    if isinstance(expr, gast.Constant) and isinstance(expr.value, bool):
        return True
    if isinstance(expr, gast.Call) and tf_api(expr.func, ctx) in BOOLEAN_APIS:
        return True
    return bool(get(expr, Anno.BOOLEAN, False))


def as_predicate(expr, state: LowerContext, dispatch: bool = False):
    """A condition usable as a tf.cond/while_loop predicate: cast non-boolean values. A
    dispatched condition stays as written (its helper casts a Tensor, Python tests truth)."""
    if dispatch:
        return expr
    if is_boolean(expr, state.ctx):
        if get(expr, Anno.MAYBE_PYTHON, False):  # see jumps._mark_maybe_python
            return T.call(state.api("convert_to_tensor"), expr)
        return expr
    if _cast_to_bool(expr, state):  # `tf.cast(done, tf.bool)` is one already: no second cast
        return expr
    return T.call(state.api("cast"), expr, state.api("bool"))


def _cast_to_bool(expr, state: LowerContext) -> bool:
    if not (isinstance(expr, gast.Call) and tf_api(expr.func, state.ctx) == "cast"):
        return False
    dtype = expr.args[1] if len(expr.args) > 1 else next((k.value for k in expr.keywords if k.arg == "dtype"), None)
    return dtype is not None and tf_api(dtype, state.ctx) == "bool"


def flag(name: str) -> gast.Name:
    node = T.name(name)
    put(node, Anno.BOOLEAN, True)
    return node


def assign(target: str, value) -> gast.Assign:
    return gast.Assign(targets=[T.name(target, gast.Store())], value=value, type_comment=None)


def copy_location(new, old):
    for n in walk(new):
        if not hasattr(n, "lineno") and hasattr(old, "lineno") and isinstance(n, (gast.stmt, gast.expr)):
            n.lineno, n.col_offset = old.lineno, old.col_offset
            n.end_lineno, n.end_col_offset = getattr(old, "end_lineno", old.lineno), 0
    return new


def none_of(flags: List[str], state: LowerContext, dispatch: bool = False):
    """`not (f1 or f2 ...)` as graph ops (Python-preserving helpers when dispatched)."""
    expr = flag(flags[0])
    for f in flags[1:]:
        expr = T.call(op(state, "logical_or", dispatch), expr, flag(f))
    result = T.call(op(state, "logical_not", dispatch), expr)
    put(result, Anno.BOOLEAN, True)
    return result


def with_flags(test, flags: List[str], state: LowerContext, dispatch: bool = False):
    """A loop condition that also stops when a break/return flag is set."""
    if not flags:
        return test
    result = T.call(op(state, "logical_and", dispatch), none_of(flags, state, dispatch), test)
    put(result, Anno.BOOLEAN, True)
    return result
