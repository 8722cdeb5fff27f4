"""Tensor `==` / `!=` -> `tf.equal` / `tf.not_equal` (target tf1).

In a TF1 graph, `==` on a Tensor is Python identity (`x == 1` is False), not an op, so TF1
code writes `tf.equal`. Only the comparisons the tensor-ness analysis found to involve a
Tensor (or maybe one: such a condition is lowered anyway) change.

Before:                         After:
    while x != 1:                   while tf.not_equal(x, 1):
        if x % 2 == 0:                  if tf.equal(x % 2, 0):

`mark` runs before lowering and tags each comparison with its kind (an attribute, so it
survives the copies lowering makes); `rewrite` runs on the lowered function.
"""
from __future__ import annotations

import gast

from ..decisions import Kind
from ..lower import templates as T

OPS = {gast.Eq: "equal", gast.NotEq: "not_equal"}


def mark(analysis) -> None:
    from ..lower.common import is_lowered
    for info in analysis.functions:
        if info.node is None:
            continue
        # a Python test (an assert, `a if t else b`, `not t` left as Python) asks bool() of
        # its value: a maybe-Tensor comparison there stays `==` (tf.equal would raise)
        python_tests = {id(part) for n in gast.walk(info.node) if not is_lowered(n) and (
                            isinstance(n, (gast.Assert, gast.IfExp))
                            or isinstance(n, gast.UnaryOp) and isinstance(n.op, gast.Not))
                        for part in _operands(getattr(n, "test", None) or getattr(n, "operand", None))}
        for node in gast.walk(info.node):
            if id(node) in python_tests and info.kinds.get(id(node), Kind.PYTHON) < Kind.TENSOR:
                continue
            if isinstance(node, gast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in OPS:
                kinds = [info.kinds.get(id(n), Kind.PYTHON) for n in (node, node.left, node.comparators[0])]
                node.agx_tensor_compare = max(kinds) >= Kind.UNKNOWN


def _operands(test):
    """`test` and, through Python `and`/`or`/`not`, the values it asks bool() of."""
    yield test
    from ..lower.common import is_lowered
    if isinstance(test, gast.BoolOp) and not is_lowered(test):
        for value in test.values:
            yield from _operands(value)
    elif isinstance(test, gast.UnaryOp) and isinstance(test.op, gast.Not):
        yield from _operands(test.operand)


class _Rewrite(gast.NodeTransformer):
    def __init__(self, state):
        self.state = state

    def visit_BoolOp(self, node):
        """A Python `and`/`or` whose operands became tf.equal/tf.not_equal would ask bool() of a
        Tensor: it is lowered too (lazily when a later operand calls or indexes)."""
        from ..analysis.tensorness import is_pure
        from ..lower.expressions import bool_chain
        lazy = not all(is_pure(v) for v in node.values[1:])
        self.generic_visit(node)
        if not any(getattr(v, "agx_tensor_equal", False) for v in node.values[:-1]):
            return node
        return gast.copy_location(bool_chain(node, list(node.values), lazy, self.state), node)

    def visit_Compare(self, node):
        self.generic_visit(node)
        if not getattr(node, "agx_tensor_compare", False):
            return node
        new = T.call(self.state.api(OPS[type(node.ops[0])]), node.left, node.comparators[0])
        new.agx_boolean = new.agx_tensor_equal = True
        return gast.copy_location(new, node)


def rewrite(fn, state) -> None:
    _Rewrite(state).visit(fn)
