"""A `break` under a Tensor `if` in a Python loop that stays Python (unrolled while tracing).

The analysis (analysis/loops.py `guardable`) keeps such a `for` over a Python iterable
Python, so its target keeps its Python values (`range` gives ints), and marks it
Anno.PYTHON_BREAK. The `break` becomes a flag; once it may be set, each later iteration
runs under a dispatched `cond(not did_break)` (a Python `if` while the flag is a Python
bool, a tf.cond once it is a Tensor):

Before:                              After:
    for v in range(1, 4):                did_break = False
        if x * v > limit:                for v in range(1, 4):
            break                            if not did_break:       # dispatched
        out += v                                 if x * v > limit:   # tf.cond
                                                     did_break = True
                                                 else:
                                                     out += v
A loop `else` runs under `if not did_break:` after the loop.
"""
from __future__ import annotations

from typing import List

import gast

from ..analysis.activity import invalidate
from ..ground.anno import Anno, get, put
from ..ground.syntax import walk_body
from .common import LowerContext, assign, is_lowered
from .jumps import JUMPS, drop_continues, flag_guard, replace_breaks, restructure
from . import templates as T


def lower(loop: gast.For, state: LowerContext) -> List:
    """[did_break = False, the loop with its body guarded(, if not did_break: orelse)]."""
    line = get(loop, Anno.PYTHON_BREAK)
    decision = next(get(n, Anno.DECISION) for n in walk_body(loop.body, into_loops=False)
                    if isinstance(n, gast.If) and is_lowered(n))  # the Tensor `if` that breaks
    did_break = state.namer.unique("did_break")
    body = replace_breaks(drop_continues(restructure(loop.body, JUMPS, state)), did_break)
    guard = _guard(did_break, body or [gast.Pass()], loop, decision, state,
                   f"the iterations after the `break` at line {line} are skipped (`did_break`)")
    loop.body = [guard]
    after = []
    if loop.orelse:
        after.append(_guard(did_break, loop.orelse, loop, decision, state,
                            "the loop's `else`: runs unless its `break` did"))
        loop.orelse = []
    invalidate(loop)
    return [assign(did_break, T.constant(False)), loop] + after


def _guard(did_break: str, body: List, loop, decision, state: LowerContext, text: str) -> gast.If:
    """A dispatched `if not did_break: body` (the flag is a Python bool until the break may run)."""
    guard = flag_guard([did_break], body, loop, decision, state, dispatch=True)
    get(guard, Anno.DECISION).reason = (f"`did_break` is a Python bool until the `break` may have "
                                        f"run, then a Tensor: {text}")
    put(guard, Anno.LINE_TEXT, text)
    return guard
