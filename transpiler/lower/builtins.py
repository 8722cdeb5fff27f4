"""Under `experimental_autograph_options=Feature.BUILTIN_FUNCTIONS` (or `ALL`), AutoGraph
turns a `print` whose arguments include a Tensor into a print on every call; agx does the
same ahead of time: `print(a, b, sep=..., end=...)` -> `tf.print(a, b, sep=..., end=...)`.

Before: the analysed function (`Anno.PRINT_TENSOR` set on each `print(...)` call by the flow
analysis: some argument is, or may be, a Tensor). After: those statements call `tf.print`
(which writes to stderr, formatted by TensorFlow); a `print` of Python values only, or with
`file=`/`flush=`, stays Python, as AutoGraph leaves it. Runs first, so the statements are
ordered like any other `tf.print`.
"""
from __future__ import annotations

import gast

from ..ground.syntax import walk
from ..ground.anno import Anno, get
from ..ground.tfapi import converts_builtins
from .common import LowerContext

TF_PRINT_KEYWORDS = {"sep", "end"}


def lower_prints(fn, state: LowerContext) -> None:
    if not converts_builtins(fn, state.ctx):
        return
    for node in walk(fn):
        if not (isinstance(node, gast.Expr) and isinstance(node.value, gast.Call)):
            continue
        call = node.value
        if isinstance(call.func, gast.Name) and call.func.id == "print" and \
                get(call, Anno.PRINT_TENSOR, False) and \
                all(k.arg in TF_PRINT_KEYWORDS for k in call.keywords):
            call.func = state.api("print")


def transform(fn, ctx: LowerContext):
    lower_prints(fn, ctx)
    return fn
