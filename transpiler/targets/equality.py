"""Tensor `==` / `!=` -> `tf.equal` / `tf.not_equal` (target tf1).

In a TF1 graph, `==` on a Tensor is Python identity (`x == 1` is False), not an op, so TF1
code writes `tf.equal`. Only the comparisons the tensor-ness analysis found to involve a
Tensor (or maybe one: such a condition is lowered anyway) change.

Before:                         After:
    while x != 1:                   while tf.not_equal(x, 1):
        if x % 2 == 0:                  if tf.equal(x % 2, 0):
A comparison of values that may be Tensors or Python values (a Python loop variable a
tf.cond rebinds) becomes the `equal` / `not_equal` dispatch helper instead.

`mark` runs on the function's copy before lowering and tags each comparison (an
annotation, so it survives the copies lowering makes); `rewrite` runs on the lowered function.
"""
from __future__ import annotations

import gast

from ..ground.syntax import Transformer, walk
from ..analysis.decisions import Kind
from ..ground.anno import Anno, get, put
from ..analysis.tensorness import is_pure
from ..lower import templates as T
from ..lower.common import is_lowered
from ..lower.dispatch import helper
from ..lower.expressions import bool_chain

OPS = {gast.Eq: "equal", gast.NotEq: "not_equal"}


def mark(fn) -> None:
    """Tag each `==`/`!=` of `fn` (a copy of an analysed function) with whether it is on a
    Tensor, from the kinds the analysis left on its operands."""
    # a Python test (an assert, `a if t else b`, `not t` left as Python) asks bool() of
    # its value: a maybe-Tensor comparison there stays `==` (tf.equal would raise)
    python_tests = {id(part) for n in walk(fn) if not is_lowered(n) and (
                        isinstance(n, (gast.Assert, gast.IfExp))
                        or isinstance(n, gast.UnaryOp) and isinstance(n.op, gast.Not))
                    for part in _operands(getattr(n, "test", None) or getattr(n, "operand", None))}
    for node in walk(fn):
        if id(node) in python_tests and get(node, Anno.KIND, Kind.PYTHON) < Kind.TENSOR:
            continue
        if isinstance(node, gast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in OPS:
            put(node, Anno.TENSOR_COMPARE, _compare_kind(node))


def _compare_kind(node):
    """"tensor" when an operand is surely a Tensor (tf.equal); "either" when one may be a
    Tensor or a Python value (the `equal` dispatch helper: tf.equal of a Python value is a
    Tensor, which would make a Python `if`/loop on it fail); False for Python values."""
    operands = (node.left, node.comparators[0])
    if any(get(n, Anno.KIND, Kind.PYTHON) == Kind.TENSOR and not get(n, Anno.EITHER, False)
           for n in operands):
        return "tensor"
    kinds = [get(n, Anno.KIND, Kind.PYTHON) for n in (node,) + operands]
    return "either" if max(kinds) >= Kind.UNKNOWN else False


def _operands(test):
    """`test` and, through Python `and`/`or`/`not`, the values it asks bool() of."""
    yield test
    if isinstance(test, gast.BoolOp) and not is_lowered(test):
        for value in test.values:
            yield from _operands(value)
    elif isinstance(test, gast.UnaryOp) and isinstance(test.op, gast.Not):
        yield from _operands(test.operand)


class _Rewrite(Transformer):
    def __init__(self, state):
        self.state = state

    def visit_BoolOp(self, node):
        """A Python `and`/`or` whose operands became tf.equal/tf.not_equal would ask bool() of a
        Tensor: it is lowered too (lazily when a later operand calls or indexes)."""
        lazy = not all(is_pure(v) for v in node.values[1:])
        self.generic_visit(node)
        if not any(get(v, Anno.TENSOR_EQUAL, False) for v in node.values[:-1]):
            return node
        return gast.copy_location(bool_chain(node, list(node.values), lazy, self.state), node)

    def visit_Compare(self, node):
        self.generic_visit(node)
        if not get(node, Anno.TENSOR_COMPARE, False):
            return node
        name = OPS[type(node.ops[0])]
        either = get(node, Anno.TENSOR_COMPARE) == "either"
        new = T.call(helper(self.state, name) if either else self.state.api(name), node.left, node.comparators[0])
        put(new, Anno.BOOLEAN, True)
        put(new, Anno.TENSOR_EQUAL, True)
        return gast.copy_location(new, node)


def rewrite(fn, state) -> None:
    _Rewrite(state).visit(fn)
