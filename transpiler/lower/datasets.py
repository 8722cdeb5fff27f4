"""A `for` over a `tf.data.Dataset` -> `Dataset.reduce` (as AutoGraph lowers it).

Before:                              After:
    for x, y in dataset:                 # line 2: for x, y in dataset:
        loss += tf.reduce_sum(x * y)     def loop_body(state, element):
        steps += 1                           loss, steps = state
                                             x, y = element
                                             loss += tf.reduce_sum(x * y)
                                             steps += 1
                                             return loss, steps
                                         loss, steps = dataset.reduce((loss, steps), loop_body)
The state is the names the body assigns that are live after the loop or at its head (as
for a `tf.while_loop`). With `break`/`return`, an item assignment (tf.data would make a list
in the state a Tensor), and over an iterator, the loop is a `tf.while_loop` over
`get_next_as_optional()` instead (lower/iterators.py; on tf1 over an initializable iterator,
targets/tf1_datasets.py). Refused (AGX111) on tf1: a `for` over an iterator that may be a
tf.data or a Python one (a parameter only `next(it)` calls, `iter(x)` of an unknown `x`; tf2
dispatches it: the for_loop helper).
"""
from __future__ import annotations

from typing import List

import gast

from ..analysis.activity import block_summary
from ..analysis.loops import DATASET_LOOPS, MAYBE_PY_ITERATOR
from ..ground.anno import Anno, get, put
from ..ground.printer import expr_source as printer_text
from ..ground.syntax import param_names, target_names, walk
from . import templates as T


LOOPS_OVER = DATASET_LOOPS  # Decision.lowered_to of a dataset / iterator loop


def is_dataset_loop(node) -> bool:
    if not isinstance(node, gast.For):
        return False
    d = get(node, Anno.DECISION)
    return bool(d and d.lowered and d.lowered_to in LOOPS_OVER)


def lower(ctl, node: gast.For, live_out, defined) -> List:
    """[loop_body def, `state = ds.reduce(state, loop_body)`] (+ the `else` block)."""
    state = ctl.state
    if get(node, Anno.REPORTED, False):  # refused by checks (refuse_jumps)
        return [node]
    body = block_summary(node.body)
    targets = target_names(node.target)
    loop_vars = sorted((body.writes - targets) & (body.exposed | live_out))
    for name in loop_vars:
        if name not in defined:
            state.sink.error("AGX202", f"`{name}` is assigned in the loop over a dataset at line "
                             f"{node.lineno} but not defined before it", node,
                             help=f"give `{name}` an initial value (of the same dtype) before the loop")
    body_name = state.namer.new("loop_body")
    state_name, element = state.namer.new("state"), state.namer.new("element")
    element_param = node.target.id if isinstance(node.target, gast.Name) else element
    inner = set(defined) | set(loop_vars) | targets
    lowered = ctl.block(node.body, frozenset(loop_vars), inner)
    head = []
    if loop_vars:
        head.append(gast.Assign(targets=[T.names_tuple(loop_vars, gast.Store())], value=T.name(state_name),
                                type_comment=None))
    if not isinstance(node.target, gast.Name):
        head.append(gast.Assign(targets=[node.target], value=T.name(element), type_comment=None))
    result = T.names_tuple(loop_vars) if loop_vars else T.name(state_name)
    fn = ctl.make_function(body_name, [state_name, element_param], head + lowered + [gast.Return(value=result)])
    call = T.call(gast.Attribute(value=node.iter, attr="reduce", ctx=gast.Load()),
                  T.names_tuple(loop_vars) if loop_vars else T.constant(0), T.name(body_name))
    out = (gast.Assign(targets=[T.names_tuple(loop_vars, gast.Store())], value=call, type_comment=None)
           if loop_vars else gast.Expr(value=call))
    after = ctl.block(node.orelse, live_out, set(defined) | set(loop_vars)) if node.orelse else []
    return ctl._commented(node, [fn, out], "Dataset.reduce") + after


def refuse(fn, state) -> None:
    """AGX111 for the dataset loops of `fn` agx cannot lower (run before jumps are lowered)."""
    for node in walk(fn):
        if is_dataset_loop(node) and _refused(node, state, fn.name, set(param_names(fn))):
            put(node, Anno.REPORTED, True)


def _refused(node, state, function: str, params) -> bool:
    d = get(node, Anno.DECISION)
    if d.lowered_to == MAYBE_PY_ITERATOR:
        it = node.iter
        inner = it.args[0] if isinstance(it, gast.Call) and it.args else it
        name = inner.id if isinstance(inner, gast.Name) else "it"
        state.sink.error("AGX111", f"a `for` over `{printer_text(it)}`, which may be a tf.data iterator or "
                         "a Python one: agx cannot tell a graph loop (tf.data) from a loop run while "
                         "tracing (Python)", node,
                         help=_help(name if name in params else None, function))
        return True
    return False


def _help(param, function: str) -> str:
    if param is None:  # a local: what it iterates comes from a parameter
        return ("annotate the parameter it comes from (`ds: tf.data.Dataset`, `it: tf.data.Iterator`, "
                f"`xs: list`) or pass `--assume '{function}:PARAM=dataset'`")
    return (f"annotate it (`{param}: tf.data.Iterator`, or `{param}: list` for a Python one) or pass "
            f"`--assume '{function}:{param}=iterator'`")
