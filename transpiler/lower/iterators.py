"""A `for` over an iterator, or over a dataset with `break`/`return` or an item assignment -> a `while` over
`get_next_as_optional()` (then lowered like any Tensor `while`: flags, `return`, `else`).

Before:                              After (this pass; control_flow makes the tf.while_loop):
    for x in ds:                         ds_iterator = iter(ds)
        if x > 2:                        has_next = True
            break                        while has_next:
        s += x                               next_x = ds_iterator.get_next_as_optional()
                                             has_next = next_x.has_value()
                                             if has_next:
                                                 x = next_x.get_value()
                                                 if x > 2:
                                                     break
                                                 s += x
As AutoGraph's `_tf_iterator_for_stmt`: one `get_next_as_optional()` per iteration, the body
under a `tf.cond` on `has_value()`, `has_next` a loop variable; no element is pulled after a
`break`. Over an iterator (`for x in it`, `for x in iter(ds)`) the iterator itself is used, so
what the loop consumes is consumed, as in eager Python. A loop over a plain dataset without
`break`/`return`/item assignment stays a `Dataset.reduce` (lower/datasets.py). The tf1 target
makes the iterator of a dataset loop with `make_initializable_iterator` (targets/tf1_datasets.py)
and refuses the other forms (AGX111: a TF1 graph cannot make an iterator with `iter()`).
"""
from __future__ import annotations

from typing import List

import gast

from ..analysis.decisions import Kind
from ..analysis.loops import DATASET_WHILE, ITERATOR_WHILE, dataset_builtin
from ..ground.anno import Anno, get, put
from ..ground.syntax import SCOPES, Transformer, contains, is_builtin_call, map_blocks, walk
from . import templates as T
from .common import LowerContext, assign, copy_location, decided, flag
from .datasets import is_dataset_loop
from .dispatch import helper

WHILE_FORMS = (DATASET_WHILE, ITERATOR_WHILE)


def is_iterator_loop(node) -> bool:
    if not isinstance(node, gast.For):
        return False
    d = get(node, Anno.DECISION)
    return bool(d and d.lowered and d.lowered_to in WHILE_FORMS)


def _block(stmts: List, state: LowerContext) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, SCOPES):  # nested defs are lowered on their own (lower_function)
            out.append(stmt)
            continue
        map_blocks(stmt, lambda b: _block(b, state))
        if is_dataset_loop(stmt) and dataset_builtin(stmt.iter) is not None:
            stmt.iter = _dataset_of(stmt.iter, state)
        if is_iterator_loop(stmt) and not get(stmt, Anno.REPORTED, False):
            out.extend(_while(stmt, state))
        else:
            out.append(stmt)
    return out


def _dataset_of(it: gast.Call, state: LowerContext) -> gast.expr:
    """`enumerate(ds, start)` -> `ds.enumerate(start)`; `zip(a, b)` -> `tf.data.Dataset.zip((a, b))`."""
    if is_builtin_call(it, "enumerate"):
        return copy_location(T.call(gast.Attribute(value=it.args[0], attr="enumerate", ctx=gast.Load()),
                                    *it.args[1:]), it)
    pair = gast.Tuple(elts=list(it.args), ctx=gast.Load())
    return copy_location(T.call(state.api("data.Dataset.zip"), pair), it)


def _iterator(loop: gast.For, state: LowerContext, before: List) -> gast.expr:
    """The iterator the loop pulls from: a name, assigned before the loop unless it is one."""
    it = loop.iter
    d = get(loop, Anno.DECISION)
    if d.lowered_to == ITERATOR_WHILE and isinstance(it, gast.Name):
        return it
    if d.lowered_to == DATASET_WHILE:
        it = T.call(T.name("iter"), it)
    inner = it.args[0] if is_builtin_call(it, "iter") and len(it.args) == 1 else None
    name = state.namer.unique(f"{inner.id}_iterator" if isinstance(inner, gast.Name) else "iterator")
    before.append(copy_location(assign(name, it), loop))
    return T.name(name)


def _jumps(loop: gast.For) -> bool:
    return contains(loop.body, (gast.Break, gast.Continue), False) or contains(loop.body, (gast.Return,), True)


def _method(value, attr: str) -> gast.Call:
    """`value.attr()`."""
    return T.call(gast.Attribute(value=value, attr=attr, ctx=gast.Load()))


def _pieces(loop: gast.For, iterator, state: LowerContext):
    """What both forms pull and bind: (`next_x = it.get_next_as_optional()` as a builder,
    `x = next_x.get_value()`, the optional's name)."""
    target = loop.target
    element = state.namer.unique(f"next_{target.id}" if isinstance(target, gast.Name) else "next_element")
    pull = lambda: copy_location(assign(element, _method(iterator, "get_next_as_optional")), loop)
    bind = copy_location(gast.Assign(targets=[target], value=_method(T.name(element), "get_value"),
                                     type_comment=None), loop)
    return pull, bind, element


def _finish(wl: gast.While, loop: gast.For, iterator, state: LowerContext, before: List) -> List:
    """The While that replaces `loop`, decided as a tf.while_loop, with the loop's comments."""
    copy_location(wl, loop)
    get(decided(wl, get(loop, Anno.DECISION), "tf.while_loop"), Anno.DECISION).construct = "while"
    wl.end_lineno = getattr(loop, "end_lineno", loop.lineno)
    put(before[0], Anno.COMMENT, list(get(loop, Anno.COMMENT, [])) + state.line_comment(loop))
    put(wl, Anno.LINE_TEXT, f"while `{_text(iterator)}` has a next element")
    return before + [wl]


def _prefetching_while(loop: gast.For, iterator, state: LowerContext, before: List) -> List:
    """An iterator loop without `break`/`continue`/`return`: no tf.cond around the body (a
    `strategy.run` in one fails: AutoGraph's form of a loop over a distributed iterator),
    each next element pulled after the body, as `DistributedDataset.reduce` does.

        next_x = it.get_next_as_optional()
        while next_x.has_value():
            x = next_x.get_value()
            ...body...
            next_x = it.get_next_as_optional()"""
    pull, bind, element = _pieces(loop, iterator, state)
    test = _method(T.name(element), "has_value")
    put(test, Anno.KIND, Kind.TENSOR)
    put(test, Anno.BOOLEAN, True)
    before.append(pull())
    wl = gast.While(test=test, body=[bind] + loop.body + [pull()], orelse=loop.orelse)
    return _finish(wl, loop, iterator, state, before)


def _while(loop: gast.For, state: LowerContext) -> List:
    """[iterator, `has_next = True`, While] for one loop."""
    before: List = []
    iterator = _iterator(loop, state, before)
    if get(loop, Anno.DECISION).lowered_to == ITERATOR_WHILE and not _jumps(loop):
        return _prefetching_while(loop, iterator, state, before)
    has_next = state.namer.unique("has_next")
    pull, bind, element = _pieces(loop, iterator, state)
    before.append(copy_location(assign(has_next, T.constant(True)), loop))
    if get(loop, Anno.DECISION).lowered_to == DATASET_WHILE:  # the tf1 target makes this iterator
        put(before[0], Anno.DATASET_ITERATOR, has_next)
    has_value = copy_location(assign(has_next, _method(T.name(element), "has_value")), loop)
    guard = copy_location(gast.If(test=_flag(has_next), body=[bind] + loop.body, orelse=[]), loop)
    get(decided(guard, get(loop, Anno.DECISION), "tf.cond"), Anno.DECISION).construct = "if"
    put(guard, Anno.LINE_TEXT, f"the body of the `for`, when there is one")
    wl = gast.While(test=_flag(has_next), body=[pull(), has_value, guard], orelse=loop.orelse)
    return _finish(wl, loop, iterator, state, before)


def _text(node) -> str:
    return node.id if isinstance(node, gast.Name) else "the iterator"


def _flag(name: str) -> gast.Name:
    node = flag(name)
    put(node, Anno.KIND, Kind.TENSOR)
    return node


def _is_next(node) -> bool:
    if not isinstance(node, gast.Call):
        return False
    d = get(node, Anno.DECISION)
    return bool(d and d.construct == "next" and d.lowered)


def _next_statement(stmt, state: LowerContext) -> List:
    """`x = next(it, default)` of a tf.data iterator ->
    `x_optional = it.get_next_as_optional()`;
    `x = tf.cond(x_optional.has_value(), x_optional.get_value, lambda: default)`."""
    call = stmt.value
    base = stmt.targets[0].id if isinstance(stmt.targets[0], gast.Name) else "next"
    optional = state.namer.unique(f"{base}_optional")
    pull = copy_location(assign(optional, T.call(gast.Attribute(
        value=call.args[0], attr="get_next_as_optional", ctx=gast.Load()))), stmt)
    method = lambda name: gast.Attribute(value=T.name(optional), attr=name, ctx=gast.Load())
    stmt.value = T.call(state.api("cond"), T.call(method("has_value")), method("get_value"),
                        T.thunk(call.args[1]))
    put(pull, Anno.COMMENT, list(get(stmt, Anno.COMMENT, [])) + state.line_comment(stmt))
    put(stmt, Anno.COMMENT, [])
    return [pull, stmt]


class _Next(Transformer):
    """Any other `next(it, default)` with a decision -> the `next_or` helper."""

    def __init__(self, state: LowerContext):
        self.state = state

    def visit_Call(self, node):
        self.generic_visit(node)
        if _is_next(node):
            return copy_location(T.call(helper(self.state, "next_or"), *node.args), node)
        return node


def _nexts(stmts: List, state: LowerContext) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, SCOPES):
            out.append(stmt)
            continue
        map_blocks(stmt, lambda b: _nexts(b, state))
        if (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and _is_next(stmt.value)
                and not get(stmt.value, Anno.DECISION).dispatch):
            out.extend(_next_statement(stmt, state))
        else:
            out.append(stmt)
    return out


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    fn.body = _nexts(_block(fn.body, ctx), ctx)
    if any(_is_next(n) for n in walk(fn)):
        fn.body = [_Next(ctx).visit(s) if not isinstance(s, SCOPES) else s for s in fn.body]
    return fn
