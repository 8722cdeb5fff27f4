"""AGX409: a variable of a lowered loop whose dtype, as far as literals show, changes.

Only what the source states is used: Python literals (`0` is int32, `0.0` float32 once a
tf.while_loop converts them), `tf.constant(..., dtype=)`, `tf.cast`, `tf.zeros/ones(dtype=)`.
Anything else is unknown and never reported. Loops are those the analysis lowered
(`Anno.DECISION`); Python loops may change types freely.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

import gast

from ..analysis.context import ModuleContext, tf_api
from ..decisions import Anno, get
from ..analysis.tensorness import src
from . import catalogue as C

DEFAULT_FLOAT = {"zeros", "ones", "random.normal", "random.uniform", "eye"}
SAME_AS_ARG = {"zeros_like", "ones_like", "identity", "abs", "square", "negative"}

Known = Dict[str, Tuple[str, int, str]]   # name -> (dtype, line, source of the assignment)


def dtype_name(expr) -> Optional[str]:
    """`tf.float32` / `"float32"` -> "float32"."""
    if isinstance(expr, gast.Attribute):
        return expr.attr
    if isinstance(expr, gast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def _kw(call, name, position=None):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def literal_dtype(expr, ctx: ModuleContext, known: Known) -> Optional[str]:
    if isinstance(expr, gast.Constant):
        v = expr.value
        if isinstance(v, bool):
            return "bool"
        return {int: "int32", float: "float32", str: "string"}.get(type(v))
    if isinstance(expr, gast.Name):
        return known[expr.id][0] if expr.id in known else None
    if isinstance(expr, (gast.List, gast.Tuple)) and expr.elts:
        return literal_dtype(expr.elts[0], ctx, known)
    if isinstance(expr, gast.UnaryOp) and not isinstance(expr.op, gast.Not):
        return literal_dtype(expr.operand, ctx, known)
    if isinstance(expr, gast.BinOp):
        left, right = literal_dtype(expr.left, ctx, known), literal_dtype(expr.right, ctx, known)
        if left is None or right is None:
            return None
        if left == right:
            return left
        if {left, right} == {"int32", "float32"}:
            return "float32"
        return None
    if isinstance(expr, gast.Call):
        api = tf_api(expr.func, ctx)
        if api is None:
            return None
        explicit = _kw(expr, "dtype", 1 if api in ("constant", "convert_to_tensor", "cast") else None)
        if explicit is not None:
            return dtype_name(explicit)
        if api in ("constant", "convert_to_tensor") and expr.args:
            return literal_dtype(expr.args[0], ctx, known)
        if api in DEFAULT_FLOAT:
            return "float32"
        if api in SAME_AS_ARG and expr.args:
            return literal_dtype(expr.args[0], ctx, known)
    return None


def _assignments(stmts):
    """(name, value expression, statement) for each simple binding, nested blocks included."""
    for stmt in stmts:
        for node in gast.walk(stmt) if not isinstance(stmt, gast.FunctionDef) else ():
            if isinstance(node, gast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], gast.Name):
                yield node.targets[0].id, node.value, node
            elif isinstance(node, gast.AugAssign) and isinstance(node.target, gast.Name):
                value = gast.BinOp(left=gast.Name(node.target.id, gast.Load(), None, None),
                                   op=node.op, right=node.value)
                yield node.target.id, value, node


def dtype_findings(info, ctx: ModuleContext) -> list:
    found = []
    known: Known = {}
    lines = ctx.source_lines

    def text(node):
        return lines[node.lineno - 1].strip() if 0 < node.lineno <= len(lines) else src(node, ctx)

    def block(stmts):
        for stmt in stmts:
            d = get(stmt, Anno.DECISION)
            if isinstance(stmt, (gast.For, gast.While)) and d is not None and d.lowered:
                loop(stmt)
            if isinstance(stmt, gast.FunctionDef):
                continue
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name):
                dt = literal_dtype(stmt.value, ctx, known)
                name = stmt.targets[0].id
                if dt is None:
                    known.pop(name, None)
                else:
                    known[name] = (dt, stmt.lineno, text(stmt))
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list):
                    block(inner)
            if isinstance(stmt, (gast.For, gast.While)):
                for name, _, _ in _assignments(stmt.body):
                    known.pop(name, None)  # after a loop, a body assignment may or may not have run

    def loop(node):
        targets = {n.id for n in gast.walk(node.target) if isinstance(n, gast.Name)} if isinstance(node, gast.For) else set()
        for name, value, stmt in _assignments(node.body):
            if name in targets or name not in known:
                continue
            before, init_line, init_src = known[name]
            after = literal_dtype(value, ctx, known)
            if after is not None and after != before:
                found.append(C.dtype_finding(stmt.lineno, stmt.col_offset, name, before, after,
                                             init_src, init_line, text(stmt)))

    block(info.node.body)
    return found
