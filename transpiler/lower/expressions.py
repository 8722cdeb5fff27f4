"""Tensor expressions: ternaries, `and`/`or`/`not`, and `assert`.

    a if c else b      ->  tf.cond(c, lambda: a, lambda: b)
    p and q            ->  tf.logical_and(p, q)        (q pure: no calls, no indexing)
    p and x[i] > 0     ->  tf.cond(p, lambda: x[i] > 0, lambda: False)   (lazy, as Python)
    not p              ->  tf.logical_not(p)
    assert t > 0, msg  ->  tf.debugging.Assert(t > 0, [msg])
Only nodes the analysis decided to lower (Tensor operands) are touched.
"""
from __future__ import annotations

import gast

from ..analysis.decisions import Kind
from ..ground.anno import Anno, get, has, put
from ..ground.printer import expr_source
from ..ground.syntax import Transformer
from . import templates as T
from .common import LowerContext, as_predicate, is_dispatched, is_lowered, op, range_call


class ExpressionLowering(Transformer):
    def __init__(self, state: LowerContext):
        self.state = state

    def visit_IfExp(self, node):
        self.generic_visit(node)
        if not is_lowered(node):
            return node
        dispatch = is_dispatched(node)
        return T.call(op(self.state, "cond", dispatch), as_predicate(node.test, self.state, dispatch),
                      T.thunk(node.body), T.thunk(node.orelse))

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, gast.Not) and is_lowered(node):
            result = T.call(op(self.state, "logical_not", is_dispatched(node)), node.operand)
            put(result, Anno.BOOLEAN, True)
            return result
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        if not is_lowered(node):
            return node
        decision = get(node, Anno.DECISION)
        return bool_chain(node, list(node.values), decision.lowered_to == "tf.cond", self.state,
                          decision.dispatch)

    def visit_Call(self, node):
        """`len(t)` of a Tensor -> `tf.shape(t)[0]` (a symbolic Tensor has no len()); of a
        value that may be either -> the `length` dispatch helper (AutoGraph's len_).
        The argument's kind is read before it is lowered (a lowered `x or []` is a new node)."""
        if isinstance(node.func, gast.Name) and node.func.id == "range" and is_lowered(node):
            self.generic_visit(node)  # range(n) of a Tensor outside a for header: tf.range
            return range_call(self.state, node.args, is_dispatched(node), node)
        is_len = (isinstance(node.func, gast.Name) and node.func.id == "len" and len(node.args) == 1
                  and not node.keywords and not isinstance(node.args[0], gast.Starred))
        arg = get(node.args[0], Anno.KIND) if is_len else None
        self.generic_visit(node)
        if not is_len:
            return node
        kind = get(node, Anno.KIND)
        if arg == Kind.TENSOR and kind == Kind.TENSOR:
            return gast.Subscript(value=T.call(self.state.api("shape"), node.args[0]),
                                  slice=T.constant(0), ctx=gast.Load())
        if arg == Kind.UNKNOWN and kind == Kind.UNKNOWN:
            return gast.copy_location(T.call(op(self.state, "length", True), node.args[0]), node)
        return node

    def visit_Assert(self, node):
        self.generic_visit(node)
        if not is_lowered(node):
            return node
        message = node.msg if node.msg is not None else T.constant(
            f"Assertion failed: {expr_source(node.test)} (line {node.lineno})")
        if is_dispatched(node):
            call = T.call(op(self.state, "assert_", True), node.test, message)
        else:
            call = T.call(self.state.api("debugging.Assert"), node.test,
                          gast.List(elts=[message], ctx=gast.Load()))
        new = gast.Expr(value=call)
        new.lineno, new.col_offset = node.lineno, node.col_offset
        if has(node, Anno.COMMENT):
            put(new, Anno.COMMENT, get(node, Anno.COMMENT))
        return new

    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        return node


def bool_chain(node, values, lazy: bool, state: LowerContext, dispatch: bool = False):
    """`values` joined by `node`'s and/or, lazily (tf.cond) or not: a left fold, a balanced
    tree beyond 32 terms (201 nested calls do not parse: "too many nested parentheses").
    `dispatch`: through the dispatch helpers, so Python values stay Python."""
    first = values[0]
    if len(values) > 32:
        mid = len(values) // 2
        values = [bool_chain(node, values[:mid], lazy, state, dispatch),
                  bool_chain(node, values[mid:], lazy, state, dispatch)]
    is_and = isinstance(node.op, gast.And)
    result = values[0]
    for value in values[1:]:
        if lazy:
            short = T.constant(not is_and)
            branches = (T.thunk(value), T.thunk(short)) if is_and else (T.thunk(short), T.thunk(value))
            pred = as_predicate(result, state, dispatch)
            if not dispatch and result is first and pred is result and get(node, Anno.PYTHON_FIRST, False):
                pred = T.call(state.api("convert_to_tensor"), pred)  # tf.cond refuses a Python bool
            result = T.call(op(state, "cond", dispatch), pred, *branches)
        else:
            result = T.call(op(state, "logical_and" if is_and else "logical_or", dispatch), result, value)
    put(result, Anno.BOOLEAN, True)
    return result


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    ExpressionLowering(ctx).visit(fn)
    return fn
