"""What the tensor-ness analysis knows of an expression: a `Value` (its kind, why, and
finer facts), shared by the Evaluator (tensorness.py) and its call decisions."""
from __future__ import annotations

from typing import NamedTuple, Optional

from .decisions import Kind, Sort


class Value(NamedTuple):
    """What the analysis knows of an expression: its kind and why (for explain)."""
    kind: Kind
    why: str
    # A Tensor on one path and a Python value on another (a Python `if`, an unrolled loop,
    # a Python ternary): the join is a Tensor, but a condition on it alone may still be a
    # Python bool while tracing, which tf.cond refuses; such a condition dispatches.
    maybe_python: bool = False
    sort: Optional[Sort] = None   # the finer kind, when known (a dataset, a container, ...)

    @property
    def reason(self) -> str:
        return self.why + (MAYBE_PY if self.maybe_python else "")


PY = Value(Kind.PYTHON, "")
MAYBE_PY = " (a Python value on another path)"


def maybe_python(value: Value) -> Value:
    return value._replace(maybe_python=True)


def mixed(a: Value, b: Value) -> bool:
    return {a[0], b[0]} == {Kind.PYTHON, Kind.TENSOR}
