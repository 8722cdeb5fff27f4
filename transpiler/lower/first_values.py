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

A dict bound only to `{}` whose items the body's own statements assign (`y["a"] = x`, the
dict not read in the loop otherwise: `grown`) is initialised the same way, from the trace
of the body on a copy of the empty dict; after a Python loop (a dispatched one) that ran
zero times it is `{}` again, as in eager Python.
"""
from __future__ import annotations

from typing import Dict, List, Set, Tuple

import gast

from ..analysis.activity import Summary, expr_reads
from ..ground.anno import Anno, get
from ..ground.syntax import is_builtin_call, walk
from ..ground.tfapi import tf_api
from . import dispatch, templates as T
from .common import LowerContext


def empty_dicts(fn) -> Set[str]:
    """Names bound only by `name = {}` / `name = dict()` in `fn` (no other binding)."""
    empty, other, seen = set(), set(), set()
    for node in walk(fn):
        if isinstance(node, gast.Assign) and all(isinstance(t, gast.Name) for t in node.targets):
            v = node.value
            is_empty = (isinstance(v, gast.Dict) and not v.keys) or (
                isinstance(v, gast.Call) and isinstance(v.func, gast.Name) and v.func.id == "dict"
                and not v.args and not v.keywords)
            (empty if is_empty else other).update(t.id for t in node.targets)
            seen.update(id(t) for t in node.targets)
        elif isinstance(node, gast.Name) and isinstance(node.ctx, (gast.Store, gast.Del)) and id(node) not in seen:
            other.add(node.id)
    params = {a.id for a in walk(fn.args) if isinstance(a, gast.Name)}
    return empty - other - params


def grown_loop(loop, candidates, ctx) -> List[str]:
    """`grown` for a loop that lowering turns into a tf.while_loop of its own (a `while`, a
    `for` over `range`/`tf.range`, as for_loops reads them): not a dataset, iterator or
    dispatched-items loop (the `for_loop` helper, which control_flow does not grow)."""
    d = get(loop, Anno.DECISION)
    if d is None or d.lowered_to != "tf.while_loop":
        return []
    if isinstance(loop, gast.For) and not (
            is_builtin_call(loop.iter, "range") or tf_api(getattr(loop.iter, "func", None), ctx) == "range"):
        return []
    return grown(loop.body, candidates, expr_reads(loop.test) if isinstance(loop, gast.While) else ())


def grown(body: List, candidates, test_reads=frozenset()) -> List[str]:
    """The dicts of `candidates` (names bound only to `{}`) whose items `body`'s own statements
    assign with constant keys, the dict not otherwise used in the loop (nor by its condition)
    and the loop without jumps: a first trace of the body gives their structure."""
    if any(isinstance(n, (gast.Break, gast.Continue, gast.Return)) for s in body for n in walk(s)):
        return []
    stores = {}
    for stmt in body:
        if (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], gast.Subscript)
                and isinstance(stmt.targets[0].value, gast.Name)
                and isinstance(stmt.targets[0].slice, gast.Constant)):
            stores.setdefault(stmt.targets[0].value.id, []).append(stmt.targets[0].value)
    out = []
    for name in candidates:
        bases = stores.get(name)
        if not bases or name in test_reads:
            continue
        uses = [n for s in body for n in walk(s) if isinstance(n, gast.Name) and n.id == name]
        if all(any(u is b for b in bases) for u in uses):
            out.append(name)
    return out


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
            trace: str, containers=frozenset(), grown_names=()) -> List:
    """`first = <a first trace of the body>; j, k = <zeros shaped like its j, k>`.

    A body that assigns items of a container traces on copies (tf.function refuses a
    function that modifies its Python arguments)."""
    tf = state.tf
    args = ", ".join("None" if v in first and v not in grown_names else v for v in loop_vars) + ", False"
    picks = ", ".join(f"{trace}[{loop_vars.index(v)}]" for v in first)
    targets = ", ".join(first)
    body = body_name
    if set(loop_vars) & set(containers):
        body = f"lambda *state: {body_name}(*{tf}.nest.map_structure(lambda v: v, state))"
    code = (f"{trace} = {dispatch.helper(state, 'first_trace').id}({body}, ({args}))\n"
            f"{targets} = {tf}.nest.map_structure({ZEROS.format(tf=tf)}, ({picks},))"
            + ("[0]" if len(first) == 1 else "") + "\n")
    return gast.parse(code).body


def ran_check(first: List[str], ran: str, line: int, state: LowerContext, grown_names=()) -> List:
    """After the loop: an assert that it ran at least once, before any name it first assigned.
    With `grown_names` (dicts that were `{}`), a Python loop that ran zero times (the flag
    still the Python `False`) leaves them `{}` and asserts nothing."""
    check = _assert_ran(first, ran, line, state, grown_names)
    if not grown_names:
        return check
    empty = "\n".join(f"    {n} = {{}}" for n in grown_names)
    stmt = gast.parse(f"if {ran} is False:\n{empty}\nelse:\n    pass\n").body[0]
    plain = [n for n in first if n not in grown_names]  # still unbound in eager Python: raise
    stmt.body += _assert_ran(plain, ran, line, state) if plain else []
    stmt.orelse = check
    return [stmt]


def _assert_ran(first: List[str], ran: str, line: int, state: LowerContext, grown_names=()) -> List:
    tf = state.tf
    names = ", ".join(f"the items of `{n}`" if n in grown_names else f"`{n}`" for n in first)
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
