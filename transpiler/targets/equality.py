"""Tensor `==` / `!=` -> `tf.equal` / `tf.not_equal` (target tf1).

In a TF1 graph, `==` on a Tensor is Python identity (`x == 1` is False), not an op, so TF1
code writes `tf.equal`. Only the comparisons the tensor-ness analysis found to involve a
Tensor (or maybe one: such a condition is lowered anyway) change.

Before:                         After:
    while x != 1:                   while tf.not_equal(x, 1):
        if x % 2 == 0:                  if tf.equal(x % 2, 0):

`mark` runs on the function's copy before lowering and tags each comparison (an
annotation, so it survives the copies lowering makes); `rewrite` runs on the lowered function.
"""
from __future__ import annotations

import gast

from ..analysis.decisions import Kind
from ..ground.anno import Anno, get, put
from ..lower import templates as T

OPS = {gast.Eq: "equal", gast.NotEq: "not_equal"}


def mark(fn) -> None:
    """Tag each `==`/`!=` of `fn` (a copy of an analysed function) with whether it is on a
    Tensor, from the kinds the analysis left on its operands."""
    for node in gast.walk(fn):
        if isinstance(node, gast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in OPS:
            kinds = [get(n, Anno.KIND, Kind.PYTHON) for n in (node, node.left, node.comparators[0])]
            put(node, Anno.TENSOR_COMPARE, max(kinds) >= Kind.UNKNOWN)


class _Rewrite(gast.NodeTransformer):
    def __init__(self, state):
        self.state = state

    def visit_Compare(self, node):
        self.generic_visit(node)
        if not get(node, Anno.TENSOR_COMPARE, False):
            return node
        new = T.call(self.state.api(OPS[type(node.ops[0])]), node.left, node.comparators[0])
        put(new, Anno.BOOLEAN, True)
        return gast.copy_location(new, node)


def rewrite(fn, state) -> None:
    _Rewrite(state).visit(fn)
