"""What the tf1 target does with tf.data: a Session runner cannot take a dataset or an
iterator built outside its graph (AGX506); a TF1 graph cannot make a Python-style iterator
(`iter(ds)`), so loops over an iterator and `next()` of one are refused (AGX111). A dataset
built inside the graph and iterated without `break`/`return` is a `Dataset.reduce`, which tf1
runs; one iterated with `break`/`return` (or an item assignment) gets an initializable
iterator whose initializer runs before the loop, on every `Session.run` (`initialise`).

Before (lowered, tf2 form):               After (tf1):
    ds_iterator = iter(ds)                    ds_iterator = tf.compat.v1.data.make_initializable_iterator(ds)
    has_next = True                           with tf.control_dependencies([ds_iterator.initializer]):
    ...tf.while_loop over                         has_next = tf.identity(True)
       ds_iterator.get_next_as_optional()     ...the same tf.while_loop

Such a loop inside Tensor control flow (a `tf.cond` branch, a `tf.while_loop` body), in a
nested function or in a function that is not a runner stays AGX111: there the initializer
would have to run once per entry of the enclosing graph construct, which a control
dependency in a while body did not give (TF 2.21: the first iterations read an uninitialised
iterator).
"""
from __future__ import annotations

from typing import List

import gast

from ..ground.syntax import SCOPES, blocks_of, map_blocks, walk
from ..analysis.decisions import Sort, Source
from ..analysis.kinds import EITHER_ITERATOR as EITHER
from ..analysis.loops import DATASET_WHILE, ITERATOR_WHILE
from ..ground.anno import Anno, get
from ..lower import templates as T


def refuse(sink, target, info, runner: bool) -> None:
    if runner:
        for p in info.params:
            if p.sort in (Sort.DATASET, Sort.ITERATOR) and p.source is not Source.RECEIVER \
                    and EITHER not in p.reason:  # `next(it)` alone: maybe a Python iterator
                sink.error("AGX506", f"`{target.qualname}` takes `{p.name}`, a tf.data {p.sort.value} "
                           f"({p.reason}): a TF1 Session runner cannot take one (it is built outside "
                           "the runner's graph)", target.node,
                           help="build the dataset inside the function, or convert with --target tf2")
    lowerable = set(map(id, _top_dataset_loops(target.node.body))) if runner else set()
    for node in walk(target.node):
        d = get(node, Anno.DECISION)
        if d is None:
            continue
        if isinstance(node, gast.For) and d.lowered_to in (DATASET_WHILE, ITERATOR_WHILE) \
                and id(node) not in lowerable:
            why = ("with `break`/`return` inside Tensor control flow, a nested function or a "
                   "function another converted function calls" if d.lowered_to == DATASET_WHILE
                   else "over an iterator")
            sink.error("AGX111", f"a `for` {why} needs a tf.data iterator (a `tf.while_loop` over "
                       "`get_next_as_optional()`), which the tf1 target cannot make there", node,
                       help="convert with --target tf2, or stop early with `ds.take(n)` / "
                       "`ds.take_while(...)` (a loop without break/return is a Dataset.reduce)")
        elif isinstance(node, gast.Call) and d.construct == "next" and not d.dispatch:
            sink.error("AGX111", "`next()` of a tf.data iterator: a TF1 graph cannot make the "
                       "iterator (`iter(ds)`)", node, help="convert with --target tf2, or use "
                       "`ds.take(1).get_single_element()`")


def _lowered(node) -> bool:
    d = get(node, Anno.DECISION)
    return bool(d and (d.lowered or d.dispatch))


def _top_dataset_loops(stmts) -> List[gast.For]:
    """The dataset loops with `break`/`return` outside Tensor (or dispatched) control flow and
    nested functions: the ones the runner's graph initialises once per run."""
    found: List[gast.For] = []
    for stmt in stmts:
        if isinstance(stmt, SCOPES):
            continue
        d = get(stmt, Anno.DECISION)
        if isinstance(stmt, gast.For) and d is not None and d.lowered_to == DATASET_WHILE:
            found.append(stmt)
            continue
        if isinstance(stmt, (gast.If, gast.While, gast.For)) and _lowered(stmt):
            continue
        for block in blocks_of(stmt):
            found += _top_dataset_loops(block)
    return found


def initialise(fn: gast.FunctionDef, tf: str) -> None:
    """`it = iter(ds)` of a dataset loop -> an initializable iterator, and the loop's first
    `has_next` after its initializer (see the module docstring)."""
    def block(stmts: List) -> List:
        out, pending = [], {}
        for stmt in stmts:
            if isinstance(stmt, SCOPES):
                out.append(stmt)
                continue
            map_blocks(stmt, block)
            has_next = get(stmt, Anno.DATASET_ITERATOR)
            if has_next is not None and isinstance(stmt.value, gast.Call):
                stmt.value.func = T.attr(f"{tf}.compat.v1.data.make_initializable_iterator")
                pending[has_next] = stmt.targets[0].id
            elif isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 \
                    and isinstance(stmt.targets[0], gast.Name) and stmt.targets[0].id in pending:
                iterator = pending.pop(stmt.targets[0].id)
                stmt.value = T.call(f"{tf}.identity", stmt.value)
                deps = T.call(f"{tf}.control_dependencies",
                              gast.List(elts=[T.attr(f"{iterator}.initializer")], ctx=gast.Load()))
                stmt = gast.copy_location(gast.With(items=[gast.withitem(context_expr=deps, optional_vars=None)],
                                                    body=[stmt], type_comment=None), stmt)
            out.append(stmt)
        return out
    fn.body = block(fn.body)
