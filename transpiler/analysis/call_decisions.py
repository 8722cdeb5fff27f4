"""Decisions the Evaluator (tensorness.py) takes at calls of builtins and local lambdas.

    len(x)                 ->  tf.shape(x)[0], or the `length` helper        (x: a name)
    range(n)               ->  tf.range(n), or the `range_of` helper         (not a for header's)
    l = lambda v: ...; l(x) ->  the lambda's body decided, `v` a Tensor or a Python value
    tf.map_fn(lambda e: ...) -> the lambda's body decided, `e` a Tensor

Requires: an Evaluator (`self.ctx`, `self.env`, `self.analysis`: the FlowAnalysis that
records decisions, with its `lambdas` and `loop_items()`).
"""
from __future__ import annotations

import gast

from ..ground.syntax import all_args
from .decisions import Kind
from .exprs import src
from .values import Value


class CallDecisions:
    def _decide_len(self, node, arg) -> None:
        """`len(x)` of a name that is (or may be) a Tensor is lowered, as a decision, so that a
        function with nothing else to lower is still converted (lower/expressions.py writes
        tf.shape(x)[0] or the `length` helper). Only of a plain name: len() of an attribute,
        an item or a call stays as written unless lowered code around it is rewritten."""
        if self.analysis and not node.keywords and isinstance(node.args[0], gast.Name):
            self.analysis.decide_expr(node, "len", arg, "tf.shape(...)[0]")

    def _range(self, node, bounds) -> bool:
        """Whether `range(...)` of bounds that are (or may be) Tensors has their kind. Outside
        a `for` header (`r = range(n)`, `tf.reduce_sum(range(len(x)))`) it is a decision:
        Python's range() of a symbolic Tensor raises, so it becomes tf.range (the `range_of`
        helper where `n` may be either). In a header (`enumerate(range(n))`), and as an
        argument of agx's own helpers (`rows(range(n))`: a loop's items), it is the loop's:
        analysis/loops.py decides and lower/for_loops.py rewrites it."""
        if not self.analysis or any(isinstance(a, gast.Starred) for a in node.args):
            return False
        if id(node) not in self.analysis.loop_items():
            self.analysis.decide_expr(node, "range", bounds, "tf.range")
        return True

    def _called_lambda(self, name: str, args: Value) -> None:
        """`l(x)` of a local `l = lambda v: ...` with arguments that are, or may be, Tensors:
        its body is decided once, each parameter a Tensor or a Python value (the lambda may be
        called with either), so `v * v if v > 0 else -v` dispatches. With Python arguments
        only, the body stays Python."""
        lam = self.analysis.lambdas.get(name) if self.analysis else None
        if lam is None or args[0] == Kind.PYTHON or not self.analysis.recording \
                or id(lam) in self.analysis.lambdas_decided:
            return
        self.analysis.lambdas_decided.add(id(lam))
        env = dict(self.env)
        for a in all_args(lam.args):
            env[a.id] = Value(Kind.UNKNOWN, f"`{a.id}` is a parameter of the lambda `{name}`, called "
                              "with values that may be Tensors")
        type(self)(self.ctx, env, self.analysis).value(lam.body)

    def _traced_lambda(self, node) -> None:
        """Decide the body of a lambda TensorFlow traces: its parameters are Tensors."""
        env = dict(self.env)
        for a in all_args(node.args):
            env[a.id] = Value(Kind.TENSOR, f"`{a.id}` is a parameter of a lambda TensorFlow traces")
        type(self)(self.ctx, env, self.analysis).value(node.body)
