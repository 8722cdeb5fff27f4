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

from . import templates as T

HELPERS = {
    "cond": '''
def {cond}(pred, true_fn, false_fn):
    """`if pred:` as {tf}.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if {tf}.is_tensor(pred):
        return {tf}.cond({tf}.cast(pred, {tf}.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()
''',
    "while_loop": '''
def {while_loop}(test_fn, body_fn, loop_vars):
    """`while test_fn(*loop_vars):` as a Python loop while the test is a Python
    value, as {tf}.while_loop (from the current values) once it is a Tensor."""
    test = test_fn(*loop_vars)
    while not {tf}.is_tensor(test):
        if not test:
            return loop_vars
        loop_vars = body_fn(*loop_vars)
        test = test_fn(*loop_vars)
    return {tf}.while_loop(lambda *v: {tf}.cast(test_fn(*v), {tf}.bool), body_fn, loop_vars)
''',
    "logical_and": '''
def {logical_and}(a, b):
    """`a and b`: {tf}.logical_and when `a` is a Tensor, Python `and` otherwise."""
    return {tf}.logical_and(a, b) if {tf}.is_tensor(a) else a and b
''',
    "logical_or": '''
def {logical_or}(a, b):
    """`a or b`: {tf}.logical_or when `a` is a Tensor, Python `or` otherwise."""
    return {tf}.logical_or(a, b) if {tf}.is_tensor(a) else a or b
''',
    "logical_not": '''
def {logical_not}(a):
    """`not a`: {tf}.logical_not of a Tensor, Python `not` otherwise."""
    return {tf}.logical_not(a) if {tf}.is_tensor(a) else not a
''',
    "assert_": '''
def {assert_}(pred, message):
    """`assert pred, message`: {tf}.debugging.Assert for a Tensor, Python's assert
    otherwise."""
    if {tf}.is_tensor(pred):
        return {tf}.debugging.Assert(pred, [message])
    assert pred, message
''',
    "rows": '''
def {rows}(items):
    """What `for x in items` walks: a Tensor (its rows), or the items as a list."""
    if {tf}.is_tensor(items):
        return items
    if isinstance(items, {tf}.data.Dataset):
        raise TypeError("this loop was converted for a Tensor or a Python iterable, "
                        "not a dataset: annotate the parameter as a dataset")
    return list(items)
''',
    "length": '''
def {length}(items):
    """len(items): {tf}.shape(items)[0] for a Tensor, Python len() otherwise."""
    return {tf}.shape(items)[0] if {tf}.is_tensor(items) else len(items)
''',
    "zeros_like": '''
def {zeros_like}(limit):
    """A loop counter's start: a zero of the limit's dtype for a Tensor, else 0."""
    return {tf}.zeros_like(limit) if {tf}.is_tensor(limit) else 0
''',
}
ORDER = tuple(HELPERS)


def helper(state, role: str) -> gast.Name:
    """The (module-unique) name of a dispatch helper; marks it used."""
    names: Dict[str, str] = state.dispatch
    if role not in names:
        names[role] = state.namer.unique(role)
    return T.name(names[role])


def source(tf: str, names: Dict[str, str]) -> str:
    """The used helpers' text, in a fixed order, for the module prelude."""
    if not names:
        return ""
    head = ("# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python\n"
            "# statement for a Python value, where the source does not say which -------------\n")
    parts = [HELPERS[r].format(tf=tf, **{r: names[r]}).strip("\n") for r in ORDER if r in names]
    return head + "\n\n\n".join(parts) + "\n\n\n"
