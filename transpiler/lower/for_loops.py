"""A lowered `for` becomes a `while` over an index (then lowered like any `while`).

Before:                          After:
    for i in tf.range(n):            i = 0
        s += x[i]                    while i < n:
                                         s += x[i]
                                         i += 1
The target itself is the counter when the body never assigns it and it is dead after the
loop (eager Python would leave it at the last value); otherwise a separate `<t>_index`
counter drives the loop and the target is assigned from it; `for _ in ...` always gets its
own `index` (and no `_ = index` unless the body reads `_`). Iterating a Tensor walks its
rows (`row = rows[rows_index]`); `enumerate(t)` and `enumerate(t, start)` bind both;
`zip(a, b, ...)` walks the rows of each up to the shortest
(`while i < tf.minimum(tf.shape(a)[0], tf.shape(b)[0])`, then `x, y = a[i], b[i]`).
Non-trivial bounds are evaluated once, before the loop, as Python does. No
iteration-count ops are built.
"""
from __future__ import annotations

from typing import FrozenSet, List, Optional, Tuple

import gast

from ..analysis.activity import block_summary, invalidate
from ..analysis.decisions import Kind
from ..ground.anno import Anno, get, has, put
from ..ground.syntax import copy_tree, is_builtin_call, target_names
from ..ground.tfapi import tf_api
from . import templates as T
from .common import LowerContext, assign, copy_location, decided, is_dispatched, none_of, op, range_call, with_flags

INT32_APIS = {"shape", "size", "rank", "math.count_nonzero"}


def _literal_sign(node) -> Optional[int]:
    if isinstance(node, gast.Constant) and isinstance(node.value, (int, float)):
        return 1 if node.value > 0 else -1 if node.value < 0 else 0
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        inner = _literal_sign(node.operand)
        return -inner if inner is not None else None
    return None


def _int32ish(node, state: LowerContext) -> bool:
    """Known to be a Python int or an int32 Tensor (so a literal 0 is a valid counter)."""
    if _literal_sign(node) is not None:
        return isinstance(node, gast.Constant) and isinstance(node.value, int)
    if isinstance(node, gast.Subscript):
        node = node.value
    if isinstance(node, gast.Call):
        if isinstance(node.func, gast.Name) and node.func.id == "len":
            return True
        return tf_api(node.func, state.ctx) in INT32_APIS
    if isinstance(node, gast.Attribute) and node.attr == "shape":
        return True
    return False


def _dtype_of(call):
    """The `dtype=` argument of `tf.range(...)` (its fourth positional), if any."""
    for k in call.keywords:
        if k.arg == "dtype":
            return k.value
    return call.args[3] if len(call.args) > 3 else None


def _range_args(call) -> Optional[Tuple]:
    if call.keywords and not all(k.arg in ("start", "limit", "delta", "dtype", "name") for k in call.keywords):
        return None
    args = list(call.args)
    if any(isinstance(a, gast.Starred) for a in args) or any(k.arg is None for k in call.keywords):
        return None  # range(*n): the bounds are not known one by one (AGX102)
    kw = {k.arg: k.value for k in call.keywords}
    if len(args) == 1:
        start, limit, delta = kw.get("start"), args[0], kw.get("delta")
        if "limit" in kw:
            start, limit = args[0], kw["limit"]
    elif len(args) >= 2:
        start, limit = args[0], args[1]
        delta = args[2] if len(args) > 2 else kw.get("delta")
    else:
        start, limit, delta = kw.get("start"), kw.get("limit"), kw.get("delta")
    if limit is None:
        return None
    return start, limit, delta


def _enumerate_args(call):
    """True for `enumerate(t)`, (True, start) for `enumerate(t, start)` / `start=`; else False."""
    if not is_builtin_call(call, "enumerate") or not call.args or len(call.args) > 2:
        return False
    kw = {k.arg: k.value for k in call.keywords}
    if set(kw) - {"start"} or (len(call.args) == 2 and kw):
        return False
    start = call.args[1] if len(call.args) == 2 else kw.get("start")
    return True if start is None else (True, start)


class ForLowering:
    def __init__(self, state: LowerContext):
        self.state = state
        self.params = set()  # the function's parameters (_passed_in_call)

    def _hoist(self, expr, role: str, written: FrozenSet[str], before: List):
        """Evaluate `expr` once before the loop unless it is a constant or a stable name."""
        if isinstance(expr, gast.Constant) or _literal_sign(expr) is not None:
            return expr
        if isinstance(expr, gast.Name) and expr.id not in written:
            return expr
        name = self.state.namer.unique(role)
        before.append(copy_location(assign(name, expr), expr))
        return T.name(name)

    def lower(self, loop: gast.For, live_out: FrozenSet[str], defined=None) -> Optional[List]:
        """[hoisted bounds..., counter init, While]; None after a diagnostic."""
        state = self.state
        body = block_summary(loop.body)
        written = body.writes | target_names(loop.target)
        before: List = []
        self.dispatch = is_dispatched(loop)
        loop.iter = self._passed_in_call(loop.iter)
        if self.dispatch and defined is not None and self._plain(loop.iter):
            wl = self._for_form(loop, live_out, defined)
            if wl is not None:
                return [wl]
        bounds = self._bounds(loop.iter, written, before)
        if bounds is None:
            return None
        is_range, enumerate_, items, start, limit, delta = bounds
        offset = None
        if isinstance(enumerate_, tuple):  # enumerate(t, start)
            offset = self._hoist(enumerate_[1], "loop_offset", written, before)
        dtype = _dtype_of(loop.iter) if is_range else None
        if dtype is not None:  # tf.range(1, n + 1, dtype=tf.int64) casts its bounds, as here
            start, limit, delta = (None if e is None else self._cast(e, dtype) for e in (start, limit, delta))
        self.tf_range = is_range and tf_api(loop.iter.func, state.ctx) == "range"
        target = loop.target
        simple = (is_range and isinstance(target, gast.Name) and target.id not in body.writes
                  and target.id not in live_out and target.id != "_")
        limit_is_int32 = _int32ish(limit, state) or (self.dispatch and not is_range)  # length()
        self.limit_tensor = get(limit, Anno.KIND) == Kind.TENSOR
        limit = self._hoist(limit, "loop_limit", written, before)
        start = self._hoist(start, "loop_start", written, before) if start is not None else None
        sign = _literal_sign(delta) if delta is not None else 1
        delta = self._hoist(delta, "loop_step", written, before) if delta is not None else T.constant(1)
        if simple:
            counter = target.id
        else:
            base = target.id if isinstance(target, gast.Name) else "item"
            if enumerate_ and isinstance(target, gast.Tuple) and isinstance(target.elts[0], gast.Name):
                base = target.elts[0].id
            counter = state.namer.unique("index" if base == "_" else f"{base}_index")
        init = self._init(start, limit, limit_is_int32, dtype)
        before.append(copy_location(assign(counter, init), loop))
        test = self._test(counter, limit, delta, sign)
        throwaway = isinstance(target, gast.Name) and target.id == "_" and "_" not in body.reads \
            and "_" not in live_out
        new_body = [] if simple or throwaway else self._element(loop, counter, items, is_range, enumerate_,
                                                                offset)
        return before + [self._while(loop, counter, test, new_body, delta)]

    def _plain(self, it) -> bool:
        """`for x in items` over a value, not over range/enumerate/zip (an index loop)."""
        if not isinstance(it, gast.Call):
            return True
        return not (tf_api(it.func, self.state.ctx) == "range"
                    or any(is_builtin_call(it, b) for b in ("range", "enumerate", "zip")))

    def _for_form(self, loop, live_out, defined) -> Optional[gast.While]:
        """A dispatched `for x in items` -> a While marked FOR_ITEMS (items, element) that
        control_flow lowers to the `for_loop` helper: the body takes the element first.
        None (the index form) when a loop variable is first assigned in the loop (a first
        trace of the body needs no element)."""
        state, target = self.state, loop.target
        body = block_summary(loop.body)
        if isinstance(target, gast.Name) and target.id not in body.writes and target.id not in live_out:
            element, new_body = target.id, list(loop.body)
        else:
            element = state.namer.unique("item")
            bind = gast.Assign(targets=[target], value=T.name(element), type_comment=None)
            new_body = [copy_location(bind, loop)] + list(loop.body)
        summary = block_summary(new_body)
        flags = get(loop, Anno.FLAGS, [])
        carried = summary.writes & (summary.exposed | live_out | frozenset(flags))
        if not carried <= set(defined):
            return None
        test = none_of(flags, state, True) if flags else T.constant(True)
        wl = _loop_while(loop, test, new_body)
        put(wl, Anno.FOR_ITEMS, (loop.iter, element))
        return wl

    def _passed_in_call(self, it):
        """`for i in fn(l)` with `fn` a parameter: `call(fn, l)` (the `call` helper), as `fn`
        may be Python's range, which raises on a Tensor `l` (AutoGraph converts the call)."""
        if not (isinstance(it, gast.Call) and isinstance(it.func, gast.Name) and it.args
                and it.func.id in self.params and not it.keywords
                and not any(isinstance(a, gast.Starred) for a in it.args)):
            return it
        return gast.copy_location(T.call(op(self.state, "call", True), it.func, *it.args), it)

    def _cast(self, bound, dtype):
        """A bound of `tf.range(..., dtype=d)` as the range reads it: `tf.cast(bound, d)`, a
        literal as it is (an int32 Tensor `n` would not compare with an int64 counter)."""
        if _literal_sign(bound) is not None:
            return bound
        return T.call(self.state.api("cast"), bound, copy_tree(dtype))

    def _init(self, start, limit, limit_is_int32, dtype):
        """The counter's first value, of the range's dtype: `dtype=`, else the limit's."""
        state = self.state
        if dtype is not None:
            if start is not None and _literal_sign(start) is None:
                return start  # already tf.cast to the dtype
            return T.call(state.api("constant"), start or T.constant(0), copy_tree(dtype))
        if start is None:
            return T.constant(0) if limit_is_int32 else T.call(op(state, "zeros_like", self.dispatch), limit)
        if not self.dispatch and not limit_is_int32 and _literal_sign(start) is not None \
                and isinstance(limit, gast.Name):
            # `tf.range(1, n + 1)` with an int64 `n`: the counter starts as the limit's dtype
            if self.limit_tensor:
                return T.call(state.api("constant"), start, gast.Attribute(value=limit, attr="dtype",
                                                                           ctx=gast.Load()))
            if self.tf_range:  # the limit may be a Python number: a zero like it, plus the start
                return gast.BinOp(left=T.call(state.api("zeros_like"), limit), op=gast.Add(), right=start)
        return start

    def _bounds(self, it, written, before):
        """(is_range, enumerate_, items, start, limit, delta) of the iterable; None after a
        diagnostic. `items` is the hoisted Tensor an index loop reads (None for a range)."""
        state = self.state
        api = tf_api(it.func, state.ctx) if isinstance(it, gast.Call) else None
        is_range = isinstance(it, gast.Call) and (api == "range" or is_builtin_call(it, "range"))
        enumerate_ = _enumerate_args(it)
        if is_range:
            parts = _range_args(it)
            if parts is None:
                state.sink.error("AGX102", "unsupported arguments to range() in a tensor loop", it)
                return None
            return (True, False, None) + tuple(parts)
        zipped = is_builtin_call(it, "zip") and it.args and not it.keywords and not any(
            isinstance(a, gast.Starred) for a in it.args)
        if (is_builtin_call(it, "zip") and not zipped) or (is_builtin_call(it, "enumerate") and not enumerate_):
            state.sink.error("AGX102", f"`for` over `{it.func.id}(...)` with these arguments is not supported "
                             "in a tensor loop", it,
                             help="iterate with `for i in tf.range(n)` and index the Tensors")
            return None
        if zipped:
            items = [self._hoist(T.call(op(state, "rows", True), self._range(a)) if self.dispatch else self._range(a),
                                 "loop_items", written, before) for a in it.args]
            limit = self._length(items[0])
            for other in items[1:]:  # (dispatched: Python's min of Python lengths)
                limit = T.call(op(state, "minimum", self.dispatch), limit, self._length(other))
            return False, "zip", items, None, limit, None
        items = self._range(it.args[0]) if enumerate_ else it
        if self.dispatch:  # a Tensor's rows, or the Python items as a list
            items = T.call(op(state, "rows", True), items)
        items = self._hoist(items, "loop_items", written, before)
        return False, enumerate_, items, None, self._length(items), None

    def _range(self, items):
        """`range(n)` among a zip's or enumerate's items: tf.range (the `range_of` helper where
        `n` may be a Python number), as a Python range() of a Tensor `n` raises."""
        if not is_builtin_call(items, "range") or items.keywords or any(isinstance(a, gast.Starred) for a in items.args):
            return items
        return range_call(self.state, items.args, self.dispatch, items)

    def _length(self, items):
        """The number of rows of `items` (dispatched: a Tensor's or a list's)."""
        return T.call(op(self.state, "num_rows", True), items) if self.dispatch else self._rows(items)

    def _rows(self, items):
        return gast.Subscript(value=T.call(self.state.api("shape"), items), slice=T.constant(0), ctx=gast.Load())

    def _element(self, loop, counter, items, is_range, enumerate_, offset=None) -> List:
        """`target = items[counter]` (or the counter itself) at the top of the body."""
        target = loop.target
        row = lambda of: gast.Subscript(value=of, slice=T.name(counter), ctx=gast.Load())
        if enumerate_ == "zip":
            element = gast.Tuple(elts=[row(i) for i in items], ctx=gast.Load())
        else:
            element = T.name(counter) if is_range else row(items)
        if enumerate_ and enumerate_ != "zip" and isinstance(target, gast.Tuple) and len(target.elts) == 2:
            index = T.name(counter) if offset is None else gast.BinOp(left=T.name(counter), op=gast.Add(),
                                                                     right=offset)
            new_body = [gast.Assign(targets=[target.elts[0]], value=index, type_comment=None),
                        gast.Assign(targets=[target.elts[1]], value=element, type_comment=None)]
        elif enumerate_ and enumerate_ != "zip":
            index = T.name(counter) if offset is None else gast.BinOp(left=T.name(counter), op=gast.Add(),
                                                                     right=offset)
            pair = gast.Tuple(elts=[index, element], ctx=gast.Load())
            new_body = [gast.Assign(targets=[target], value=pair, type_comment=None)]
        else:
            new_body = [gast.Assign(targets=[target], value=element, type_comment=None)]
        copy_location(gast.Module(body=new_body, type_ignores=[]), loop)
        return new_body

    def _while(self, loop, counter, test, new_body, delta) -> gast.While:
        step = gast.AugAssign(target=T.name(counter, gast.Store()), op=gast.Add(), value=delta)
        copy_location(step, loop)
        test = with_flags(test, get(loop, Anno.FLAGS, []), self.state, self.dispatch)
        return _loop_while(loop, test, new_body + loop.body + [step])

    def _test(self, counter, limit, delta, sign):
        state = self.state
        if sign is not None and sign >= 0:
            test = gast.Compare(left=T.name(counter), ops=[gast.Lt()], comparators=[limit])
        elif sign is not None:
            test = gast.Compare(left=T.name(counter), ops=[gast.Gt()], comparators=[limit])
        elif self.dispatch:  # a step whose sign is not known: Python's test, in either form
            up = T.call(op(state, "logical_and", True),
                        gast.Compare(left=delta, ops=[gast.Gt()], comparators=[T.constant(0)]),
                        gast.Compare(left=T.name(counter), ops=[gast.Lt()], comparators=[limit]))
            down = T.call(op(state, "logical_and", True),
                          gast.Compare(left=delta, ops=[gast.Lt()], comparators=[T.constant(0)]),
                          gast.Compare(left=T.name(counter), ops=[gast.Gt()], comparators=[limit]))
            test = T.call(op(state, "logical_or", True), up, down)
        else:
            up = T.call(state.api("logical_and"),
                        gast.Compare(left=delta, ops=[gast.Gt()], comparators=[T.constant(0)]),
                        gast.Compare(left=T.name(counter), ops=[gast.Lt()], comparators=[limit]))
            down = T.call(state.api("logical_and"),
                          gast.Compare(left=delta, ops=[gast.Lt()], comparators=[T.constant(0)]),
                          gast.Compare(left=T.name(counter), ops=[gast.Gt()], comparators=[limit]))
            test = T.call(state.api("logical_or"), up, down)
        return test


def _loop_while(loop, test, body) -> gast.While:
    """The `while` a lowered `for` becomes: at the loop's place, with its decision and comment."""
    wl = gast.While(test=test, body=body, orelse=[])
    wl.lineno, wl.col_offset = loop.lineno, loop.col_offset
    wl.end_lineno = getattr(loop, "end_lineno", loop.lineno)
    decided(wl, get(loop, Anno.DECISION), "tf.while_loop")
    put(wl, Anno.FROM_FOR, True)
    if has(loop, Anno.COMMENT):
        put(wl, Anno.COMMENT, get(loop, Anno.COMMENT))
    invalidate(wl)
    return wl
