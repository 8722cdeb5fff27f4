"""Shared vocabulary of the lowering passes: the per-function state, jump queries,
boolean predicates and the line comments placed above lowered statements."""
from __future__ import annotations

import copy
import dataclasses
from typing import Iterable, List, Optional

import gast

from ..analysis.context import ModuleContext, tf_api
from ..decisions import Anno, Decision, get, put
from ..diagnostics import DiagnosticSink
from ..naming import Namer
from . import templates as T

LOOPS = (gast.For, gast.While, gast.AsyncFor)
SCOPES = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Lambda)
BOOLEAN_APIS = {
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
    "logical_or", "logical_not", "logical_xor", "reduce_all", "reduce_any", "math.equal",
    "math.not_equal", "math.less", "math.less_equal", "math.greater", "math.greater_equal",
    "math.logical_and", "math.logical_or", "math.logical_not", "math.reduce_all",
    "math.reduce_any", "math.is_finite", "math.is_nan", "math.is_inf", "is_tensor",
}


@dataclasses.dataclass
class FunctionState:
    """What every pass over one function shares."""
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
        text = getattr(node, "agx_line_text", None) or text.strip()
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


def walk_body(stmts: Iterable, into_loops: bool = True):
    """Statements nested in `stmts`, not entering nested scopes (or loops if asked)."""
    stack = list(stmts)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, SCOPES) or (not into_loops and isinstance(node, LOOPS)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(getattr(node, field, []) or [])


def contains(stmts, kinds: tuple, into_loops: bool) -> bool:
    return any(isinstance(n, kinds) for n in walk_body(stmts, into_loops))


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
    return bool(getattr(expr, "agx_boolean", False))


def as_predicate(expr, state: FunctionState):
    """A condition usable as a tf.cond/while_loop predicate: cast non-boolean values."""
    if is_boolean(expr, state.ctx):
        if getattr(expr, "agx_maybe_python", False):  # see jumps._mark_maybe_python
            return T.call(state.api("convert_to_tensor"), expr)
        return expr
    return T.call(state.api("cast"), expr, state.api("bool"))


def flag(name: str) -> gast.Name:
    node = T.name(name)
    node.agx_boolean = True
    return node


def assign(target: str, value) -> gast.Assign:
    return gast.Assign(targets=[T.name(target, gast.Store())], value=value, type_comment=None)


def copy_location(new, old):
    for n in gast.walk(new):
        if not hasattr(n, "lineno") and hasattr(old, "lineno") and isinstance(n, (gast.stmt, gast.expr)):
            n.lineno, n.col_offset = old.lineno, old.col_offset
            n.end_lineno, n.end_col_offset = getattr(old, "end_lineno", old.lineno), 0
    return new


def none_of(flags: List[str], state: FunctionState):
    """`not (f1 or f2 ...)` as graph ops."""
    expr = flag(flags[0])
    for f in flags[1:]:
        expr = T.call(state.api("logical_or"), expr, flag(f))
    result = T.call(state.api("logical_not"), expr)
    result.agx_boolean = True
    return result


def with_flags(test, flags: List[str], state: FunctionState):
    """A loop condition that also stops when a break/return flag is set."""
    if not flags:
        return test
    result = T.call(state.api("logical_and"), none_of(flags, state), test)
    result.agx_boolean = True
    return result
