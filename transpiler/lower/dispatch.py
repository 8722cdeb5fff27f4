"""The dispatch: a statement whose condition or iterable may be a Tensor or a Python value
(the analysis could not tell, `Decision.dispatch`) calls a small helper emitted once into
the output module, instead of `tf.cond` / `tf.while_loop` directly.

Before:                          After:
    def f(n):                        def cond(pred, true_fn, false_fn):
        if n > 0:                        ...tf.cond if pred is a Tensor, else a Python if...
            n = n - 1
        return n                     def f(n):
                                         # line 2: if n > 0:
                                         n = cond(n > 0, lambda: n - 1, lambda: n)
                                         return n
The branch and body functions are the same as for a Tensor: nothing is written twice. The
helpers are plain TensorFlow (they import nothing of agx); only those used are emitted, with
module-unique names. `tf.cond` never receives a Python bool; in the Python form every value
(break/return flags, conditions) stays Python.
"""
from __future__ import annotations

from typing import Dict

import gast

from ..ground.dispatch_text import HELPERS, ORDER
from . import templates as T


def helper(state, role: str) -> gast.Name:
    """The (module-unique) name of a dispatch helper; marks it used. A helper agx emitted
    into the file before (a second pass) is called by its name, not emitted again."""
    names: Dict[str, str] = state.dispatch
    if role not in names:
        names[role] = state.present.get(role) or state.namer.unique(role)
    return T.name(names[role])


def source(tf: str, names: Dict[str, str]) -> str:
    """The used helpers' text, in a fixed order, for the module prelude."""
    if not names:
        return ""
    head = ("# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python\n"
            "# statement for a Python value, where the source does not say which -------------\n")
    parts = [HELPERS[r].format(tf=tf, **{r: names[r]}).strip("\n") for r in ORDER if r in names]
    return head + "\n\n\n".join(parts) + "\n\n\n"
