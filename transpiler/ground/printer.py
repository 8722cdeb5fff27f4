"""One-line source text of expressions: astor, with a fast path for simple ones.

Used for reasons and comments (analysis, explain) and by the lowering to decide whether a
branch fits a `lambda:`; statements are printed by `emit.py`, which builds on this.
"""
from __future__ import annotations

import astor
import gast

from .convert import gast_to_ast


def to_ast(node):
    return gast_to_ast(node)


def expr_source(node) -> str:
    return astor.to_source(to_ast(_wrap_expr(node)), pretty_source=pretty).strip()


def source_fits(node, limit: int) -> bool:
    """`len(expr_source(node)) <= limit`, without printing when a cheap upper bound of the
    printed length already fits (most branch expressions are a few names and operators)."""
    bound = _length_bound(node)
    if bound is not None and bound <= limit:
        return True
    return len(expr_source(node)) <= limit


def _length_bound(node):
    """An upper bound of the printed length of `node` (generous: every sub-expression may be
    parenthesised), or None for node kinds it does not know (strings, lambdas, ...)."""
    bound = _BOUNDS.get(type(node))
    if bound is None:
        return None
    parts = bound(node)
    if parts is None:
        return None
    fixed, children = parts
    total = fixed + 2
    for child in children:
        n = _length_bound(child)
        if n is None:
            return None
        total += n + 2  # separator (", ", " ") or parentheses
    return total


def _constant_bound(node):
    v = node.value
    if v is None or isinstance(v, bool) or (isinstance(v, int) and abs(v) < 10 ** 15):
        return len(repr(v)), []
    if isinstance(v, float) and v == v and abs(v) not in (float("inf"),):
        return len(repr(v)), []
    return None


_BOUNDS = {
    gast.Name: lambda n: (len(n.id), []),
    gast.Constant: _constant_bound,
    gast.Attribute: lambda n: (len(n.attr) + 1, [n.value]),
    gast.BinOp: lambda n: (4, [n.left, n.right]),
    gast.UnaryOp: lambda n: (4, [n.operand]),
    gast.BoolOp: lambda n: (5 * len(n.values), list(n.values)),
    gast.Compare: lambda n: (8 * len(n.ops), [n.left] + list(n.comparators)),
    gast.Call: lambda n: (2 + sum(len(k.arg or "") + 3 for k in n.keywords),
                          [n.func] + list(n.args) + [k.value for k in n.keywords]),
    gast.Subscript: lambda n: (2, [n.value, n.slice]),
    gast.Slice: lambda n: (2, [x for x in (n.lower, n.upper, n.step) if x is not None]),
    gast.Tuple: lambda n: (3, list(n.elts)),
    gast.List: lambda n: (3, list(n.elts)),
    gast.Starred: lambda n: (2, [n.value]),
}


_COMPARE_OPS = {gast.Eq: "==", gast.NotEq: "!=", gast.Lt: "<", gast.LtE: "<=", gast.Gt: ">",
                gast.GtE: ">=", gast.Is: "is", gast.IsNot: "is not", gast.In: "in", gast.NotIn: "not in"}


def simple_source(node):
    """What `expr_source` prints, for the simple expressions most conditions are made of
    (names, attributes, small ints, calls and subscripts of those, one comparison); None for
    anything else, which needs astor."""
    if isinstance(node, gast.Name):
        return node.id
    if isinstance(node, gast.Attribute):
        base = node.value
        return None if not isinstance(base, (gast.Name, gast.Attribute)) else \
            _join(simple_source(base), "." + node.attr)
    if isinstance(node, gast.Constant):
        v = node.value
        return repr(v) if v is None or isinstance(v, bool) or (type(v) is int and 0 <= v < 10 ** 15) else None
    if isinstance(node, gast.Call):
        if not isinstance(node.func, (gast.Name, gast.Attribute)):
            return None
        parts = [simple_source(a) for a in node.args]
        parts += [None if k.arg is None else _join(k.arg + "=", simple_source(k.value)) for k in node.keywords]
        if None in parts:
            return None
        return _join(simple_source(node.func), "(" + ", ".join(parts) + ")")
    if isinstance(node, gast.Subscript):
        if not isinstance(node.value, (gast.Name, gast.Attribute, gast.Call, gast.Subscript)):
            return None
        index = simple_source(node.slice) if not isinstance(node.slice, gast.Constant) or \
            type(node.slice.value) is int else None
        return None if index is None else _join(simple_source(node.value), "[" + index + "]")
    if isinstance(node, gast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE_OPS:
        if isinstance(node.left, gast.Compare) or isinstance(node.comparators[0], gast.Compare):
            return None
        left, right = simple_source(node.left), simple_source(node.comparators[0])
        if left is None or right is None:
            return None
        return f"{left} {_COMPARE_OPS[type(node.ops[0])]} {right}"
    return None


def _join(a, b):
    return None if a is None or b is None else a + b


def _wrap_expr(node):
    if isinstance(node, gast.expr):
        return gast.Module(body=[gast.Expr(value=node)], type_ignores=[])
    return node


def pretty(tokens):
    """astor's line joiner, without wrapping: its splitter makes hard-to-read continuations."""
    return "".join(tokens)
