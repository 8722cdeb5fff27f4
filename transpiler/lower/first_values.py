"""Loop variables first assigned inside a tensor loop (and used after it).

A tf.while_loop needs an initial value of every loop variable's dtype and shape. A name
the body assigns on every path before reading it never needs its incoming value, so, as
AutoGraph does, agx takes dtype and shape from a first trace of the body (a concrete
function that never runs) and starts the loop from zeros of that kind. Eager Python
raises when the loop runs zero times and the name is read after it: so does the output,
through an assert on a flag the body sets.

Before:                          After:
    i = 0                            i = 0
    while i < n:                     def loop_cond(i, j, loop_ran): ...
        i = i + 1                    def loop_body(i, j, loop_ran):
        j = i * 2                        ...
    return i, j                          return i, j, True
                                     first = first_trace(loop_body, (i, None, False))
                                     j = tf.nest.map_structure(<zeros like>, first[1])
                                     i, j, loop_ran = tf.while_loop(loop_cond, loop_body, (i, j, False))
                                     with tf.control_dependencies([tf.debugging.Assert(loop_ran, [...])]):
                                         j = tf.nest.map_structure(tf.identity, j)
The trace (the `first_trace` dispatch helper) passes Python numbers as scalar Tensors, as
tf.while_loop does: `tf.range(i)` from `i = 0` has the shape (None,) it has in the loop, not
(0,). Each such name has the trace's shape as its shape invariant; one of unknown rank
starts from a scalar zero (as in AutoGraph).
A name read in the body before it is assigned (or not assigned on every path, or read by
the condition) keeps AGX202: its first value would be read.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

import gast

from ..ground.syntax import walk
from ..analysis.activity import Summary
from ..ground.tfapi import tf_api
from . import dispatch, templates as T
from .common import LowerContext


def split(undefined: List[str], body: Summary, test_reads) -> Tuple[List[str], List[str]]:
    """(names a first trace can initialise, names that stay AGX202)."""
    ok = [n for n in undefined if n in body.mustdef and n not in body.exposed and n not in test_reads]
    return ok, [n for n in undefined if n not in ok]


ZEROS = ("lambda t: {tf}.zeros([], t.dtype) if t.shape.rank is None else "
         "{tf}.compat.v1.placeholder_with_default({tf}.zeros([d or 0 for d in t.shape], t.dtype), t.shape)")


def invariants(first: List[str], loop_vars: List[str], trace: str, state: LowerContext) -> Dict:
    """{name: the shape invariant of a name the loop first assigns}: the trace's shapes (a
    name of unknown rank starts from a scalar: its invariant says so; TensorFlow folds the
    rank of an unknown-rank placeholder_with_default that enters a loop to its default's)."""
    return {v: gast.parse(f"{state.tf}.nest.map_structure(lambda t: t.shape, {trace}[{loop_vars.index(v)}])",
                          mode="eval").body for v in first}


def initial(first: List[str], loop_vars: List[str], body_name: str, state: LowerContext,
            trace: str, containers=frozenset()) -> List:
    """`first = <a first trace of the body>; j, k = <zeros shaped like its j, k>`.

    A body that assigns items of a container traces on copies (tf.function refuses a
    function that modifies its Python arguments)."""
    tf = state.tf
    args = ", ".join("None" if v in first else v for v in loop_vars) + ", False"
    picks = ", ".join(f"{trace}[{loop_vars.index(v)}]" for v in first)
    targets = ", ".join(first)
    body = body_name
    if set(loop_vars) & set(containers):
        body = f"lambda *state: {body_name}(*{tf}.nest.map_structure(lambda v: v, state))"
    code = (f"{trace} = {dispatch.helper(state, 'first_trace').id}({body}, ({args}))\n"
            f"{targets} = {tf}.nest.map_structure({ZEROS.format(tf=tf)}, ({picks},))"
            + ("[0]" if len(first) == 1 else "") + "\n")
    return gast.parse(code).body


def ran_check(first: List[str], ran: str, line: int, state: LowerContext) -> List:
    """After the loop: an assert that it ran at least once, before any name it first assigned."""
    tf = state.tf
    names = ", ".join(f"`{n}`" for n in first)
    message = (f"line {line}: {names} first assigned in this tensor loop and used after it, "
               "but the loop ran zero times")
    targets = ", ".join(first)
    code = (f"with {tf}.control_dependencies([{tf}.debugging.Assert({ran}, [{message!r}])]):\n"
            f"    {targets} = {tf}.nest.map_structure({tf}.identity, ({targets},))"
            + ("[0]" if len(first) == 1 else "") + "\n")
    return gast.parse(code).body


def is_ran_check(stmt, ctx) -> bool:
    """`stmt` is what `ran_check` writes (converting agx's output again): its assert gates
    only the names under it, so it orders nothing else."""
    if not (isinstance(stmt, gast.With) and len(stmt.items) == 1 and len(stmt.body) == 1):
        return False
    deps, body = stmt.items[0].context_expr, stmt.body[0]
    return (isinstance(deps, gast.Call) and tf_api(deps.func, ctx) == "control_dependencies"
            and len(deps.args) == 1 and isinstance(deps.args[0], gast.List)
            and all(isinstance(e, gast.Call) and tf_api(e.func, ctx) == "debugging.Assert"
                    for e in deps.args[0].elts)
            and isinstance(body, gast.Assign) and isinstance(body.value, (gast.Call, gast.Subscript))
            and any(isinstance(n, gast.Call) and tf_api(n.func, ctx) == "nest.map_structure"
                    for n in walk(body.value)))


def flagged(loop_vars: List[str], ran: str) -> Tuple[gast.Tuple, gast.Tuple]:
    """The while_loop's initial values with the flag, and the body's return with it set."""
    init = T.names_tuple(loop_vars)
    init.elts.append(T.constant(False))
    out = T.names_tuple(loop_vars)
    out.elts.append(T.constant(True))
    return init, out
