"""A chained comparison on Tensors -> `logical_and` of its pairs.

Python evaluates `0 < x < 5` as `(0 < x) and (x < 5)`: on a Tensor `x` that asks bool() of
a Tensor, which a graph refuses. Where the analysis found the chain may be a Tensor:

Before:                              After:
    if 0 < x < 5:                        if tf.logical_and(0 < x, x < 5):    (then tf.cond)
    if a == b == c:                      if logical_and(a == b, b == c):     (maybe a Tensor:
                                                                              the dispatch helper)
Only chains the analysis decided to lower (a `chain` decision, which `explain` prints): every
operand after the first is pure (no call, no indexing), since `tf.logical_and` evaluates both
sides and the middle operand is evaluated twice. Otherwise the chain stays as written.
The first pass of the pipeline; the tf1 target runs it in its `prepare`, after taking the
graph form of dispatches and before marking `==`/`!=` (`targets/equality.py`).
"""
from __future__ import annotations

import gast

from ..analysis.decisions import Kind
from ..ground.anno import Anno, get, put
from ..ground.syntax import Transformer, copy_tree
from .common import LowerContext, is_dispatched, is_lowered, op


def splittable(node) -> bool:
    """A chain the analysis decided to lower (analysis/tensorness.py: its operands may be
    Tensors, no `is`/`in`, every operand after the first pure)."""
    return isinstance(node, gast.Compare) and len(node.ops) > 1 and is_lowered(node)


class _Split(Transformer):
    def __init__(self, state: LowerContext):
        self.state = state

    def visit_Compare(self, node):
        self.generic_visit(node)
        if not splittable(node):
            return node
        operands = [node.left] + list(node.comparators)
        pairs = []
        for i, cmp_op in enumerate(node.ops):
            left = operands[i] if i == 0 else copy_tree(operands[i])
            pair = gast.Compare(left=left, ops=[cmp_op], comparators=[operands[i + 1]])
            kinds = [get(n, Anno.KIND, Kind.PYTHON) for n in (left, operands[i + 1])]
            put(pair, Anno.KIND, max(kinds))
            if get(node, Anno.EITHER, False) or Kind.UNKNOWN in kinds:
                put(pair, Anno.EITHER, True)
            pairs.append(gast.copy_location(pair, node))
        dispatch = is_dispatched(node)
        result = pairs[0]
        for pair in pairs[1:]:
            result = gast.Call(func=op(self.state, "logical_and", dispatch), args=[result, pair], keywords=[])
        put(result, Anno.KIND, get(node, Anno.KIND))
        put(result, Anno.BOOLEAN, True)
        return gast.copy_location(result, node)


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    _Split(ctx).visit(fn)
    return fn
