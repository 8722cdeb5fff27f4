"""Shared vocabulary of the lowering passes: the per-function state, jump queries,
boolean predicates and the line comments placed above lowered statements."""
from __future__ import annotations

import copy
import dataclasses
from typing import List, Optional

import gast

from ..analysis.context import ModuleContext
from ..analysis.decisions import Decision
from ..diagnostics import DiagnosticSink
from ..ground.anno import Anno, get, put
from ..ground.tfapi import BOOLEAN_APIS, tf_api
from ..naming import Namer
from . import templates as T


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


def decided(node, decision: Decision, lowered_to: Optional[str] = None):
    """Mark a generated node with a (lowered) decision; returns the node."""
    d = copy.copy(decision)
    d.lowered = True
    if lowered_to:
        d.lowered_to = lowered_to
    put(node, Anno.DECISION, d)
    return node


def always_exits(stmts, kinds: tuple) -> bool:
    """Every path through `stmts` ends in one of `kinds` (or a raise)."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, kinds + (gast.Raise,)):
        return True
    if isinstance(last, gast.If):
        return always_exits(last.body, kinds) and always_exits(last.orelse, kinds)
    if isinstance(last, gast.With):
        return always_exits(last.body, kinds)
    if isinstance(last, gast.Try):  # `finally` exits, or the body and every handler do
        return always_exits(last.finalbody, kinds) or (
            always_exits(last.body, kinds) and all(always_exits(h.body, kinds) for h in last.handlers))
    return False


def is_boolean(expr, ctx: ModuleContext) -> bool:
    if isinstance(expr, gast.Compare) or isinstance(expr, gast.BoolOp):
        return True
    if isinstance(expr, gast.UnaryOp) and isinstance(expr.op, gast.Not):
        return True
    if isinstance(expr, gast.Constant) and isinstance(expr.value, bool):
        return True
    if isinstance(expr, gast.Call):
        return tf_api(expr.func, ctx) in BOOLEAN_APIS
    return bool(get(expr, Anno.BOOLEAN, False))


def as_predicate(expr, state: LowerContext):
    """A condition usable as a tf.cond/while_loop predicate: cast non-boolean values."""
    if is_boolean(expr, state.ctx):
        if get(expr, Anno.MAYBE_PYTHON, False):  # see jumps._mark_maybe_python
            return T.call(state.api("convert_to_tensor"), expr)
        return expr
    return T.call(state.api("cast"), expr, state.api("bool"))


def flag(name: str) -> gast.Name:
    node = T.name(name)
    put(node, Anno.BOOLEAN, True)
    return node


def assign(target: str, value) -> gast.Assign:
    return gast.Assign(targets=[T.name(target, gast.Store())], value=value, type_comment=None)


def copy_location(new, old):
    for n in gast.walk(new):
        if not hasattr(n, "lineno") and hasattr(old, "lineno") and isinstance(n, (gast.stmt, gast.expr)):
            n.lineno, n.col_offset = old.lineno, old.col_offset
            n.end_lineno, n.end_col_offset = getattr(old, "end_lineno", old.lineno), 0
    return new


def none_of(flags: List[str], state: LowerContext):
    """`not (f1 or f2 ...)` as graph ops."""
    expr = flag(flags[0])
    for f in flags[1:]:
        expr = T.call(state.api("logical_or"), expr, flag(f))
    result = T.call(state.api("logical_not"), expr)
    put(result, Anno.BOOLEAN, True)
    return result


def with_flags(test, flags: List[str], state: LowerContext):
    """A loop condition that also stops when a break/return flag is set."""
    if not flags:
        return test
    result = T.call(state.api("logical_and"), none_of(flags, state), test)
    put(result, Anno.BOOLEAN, True)
    return result
