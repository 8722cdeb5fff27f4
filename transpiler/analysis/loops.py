"""Loops in the statement walk: a fixpoint over the loop head, then one recording pass.

A loop is lowered when its condition or iterable is a Tensor, or when it exits through a
`break`/`return` under a Tensor `if`; it dispatches when its head may be either; datasets
become `reduce` loops. `FlowAnalysis` (flow.py) mixes this in.
"""
from __future__ import annotations

import gast

from ..ground.anno import Anno, get, put
from ..ground.syntax import assigned_items, contains, is_builtin_call, target_names, walk
from ..ground.tfapi import tf_api
from . import items as item_kinds
from .activity import live_writes
from .decisions import Kind, Sort
from .env import MAX_FIXPOINT, PYTHON_SORTS, Env
from .kinds import EITHER_ITERATOR as EITHER
from .env import attr_writes as _attr_writes
from .env import dispatch_value as _dispatch_value
from .env import join_env as _join_env
from .tensorness import PY, Evaluator, Value, maybe_python, narrow, narrowed, src


# Decision.lowered_to of a loop over a dataset or an iterator (lower/datasets.py, iterators.py)
REDUCE = "Dataset.reduce"
DATASET_WHILE = "tf.while_loop over iter(dataset).get_next_as_optional()"
ITERATOR_WHILE = "tf.while_loop over get_next_as_optional()"
MAYBE_PY_ITERATOR = "iterator loop"  # over a value only `next(...)` says is an iterator: AGX111
DATASET_LOOPS = (REDUCE, DATASET_WHILE, ITERATOR_WHILE, MAYBE_PY_ITERATOR)


def dataset_builtin(it):
    """The datasets of `enumerate(ds)` / `enumerate(ds, start)` / `zip(a, b, ...)` (what
    AutoGraph turns into `ds.enumerate(start)` and `tf.data.Dataset.zip`); None otherwise."""
    if not isinstance(it, gast.Call) or it.keywords or any(isinstance(a, gast.Starred) for a in it.args):
        return None
    if is_builtin_call(it, "enumerate") and 1 <= len(it.args) <= 2:
        return it.args[:1]
    if is_builtin_call(it, "zip") and it.args:
        return list(it.args)
    return None


class LoopFlow:
    """The loop statements of `FlowAnalysis`."""

    def _loop(self, node, env, head_value, construct, subject, target_kind=None, jumpable=True,
              guard=False):
        """Fixpoint over the loop head; returns the env after the loop.

        A `break`/`return` under a Tensor `if` also lowers the loop (its exit depends on a
        Tensor) when `jumpable` (a while, or a for over a range or a Tensor); with `guard` (a
        Python for that `guardable` accepts) the loop stays Python and is marked
        Anno.PYTHON_BREAK instead (lower/python_breaks.py).

        A walk that does not record (inside an enclosing loop's fixpoint) is memoised on the
        entry env and skips the recording pass: nested loops stay linear, not 2^depth."""
        if not self.recording:
            key = (id(node), frozenset(env.items()))
            if key in self.loop_memo:
                return dict(self.loop_memo[key])
            result = self._loop_walk(node, env, head_value, construct, subject, target_kind, jumpable, guard)
            self.loop_memo[key] = dict(result)
            return result
        return self._loop_walk(node, env, head_value, construct, subject, target_kind, jumpable, guard)

    def _loop_walk(self, node, env, head_value, construct, subject, target_kind, jumpable, guard):
        recording, self.recording = self.recording, False
        writes = live_writes(node.body) | _attr_writes(node)
        if isinstance(node, gast.For):
            writes |= target_names(node.target)
        head = dict(env)
        first = head_value(head)
        lowered = first[0] >= Kind.UNKNOWN
        jump = None  # (line, dispatched) of a break/return under a lowered `if`
        guarded = None  # the same, in a Python loop that `guard` keeps Python
        for _ in range(MAX_FIXPOINT):
            value = head_value(head)
            lowered = lowered or value[0] >= Kind.UNKNOWN or jump is not None
            dispatch = lowered and _dispatch_value(value, jump) and not (
                self.graph_form and value[0] == Kind.UNKNOWN)
            if lowered:
                for name in writes:
                    cur = head.get(name)
                    if dispatch and not (cur is not None and cur[0] == Kind.TENSOR):
                        head[name] = Value(Kind.UNKNOWN, f"`{name}` is a loop variable of the dispatched "
                                           f"loop at line {node.lineno} (a Tensor in its graph form)")
                    elif dispatch:  # a Tensor, or in the Python form its value on entry
                        entry = env.get(name)
                        sure = entry is not None and entry[0] == Kind.TENSOR and not entry.maybe_python
                        head[name] = cur if sure else maybe_python(cur)
                    else:
                        head[name] = Value(Kind.TENSOR, f"`{name}` is a loop variable of the "
                                           f"tf.while_loop at line {node.lineno}")
                    # a container carried as state: its items are Tensors at each iteration's start
                    item_kinds.as_graph_state(head, name, f"an item of `{name}`, carried by the loop at "
                                              f"line {node.lineno}")
            body_env = self._body_env(node, head, target_kind, lowered, dispatch)
            self.tensor_jumps.append(None)
            self.lowered_depth += lowered
            new_head = _join_env(head, self.block(node.body, body_env))
            self.lowered_depth -= lowered
            found = self.tensor_jumps.pop()
            if found is not None and jump is None and jumpable:
                jump = found
                continue
            guarded = found if guard and found is not None and not lowered else guarded
            if new_head == head:
                break
            head = new_head
        self.recording = recording
        value = self._loop_value(head_value(head), first, lowered, jump)
        self._decide(node, construct, value, "tf.while_loop", subject)
        if recording and guarded is not None and not lowered:
            _guard_decision(node, guarded[0])
        self._control_fate(node)
        if recording:
            body_env = self._body_env(node, head, target_kind, lowered, dispatch)
            self.tensor_jumps.append(None)
            self.lowered_depth += lowered
            self.loops_lowered.append(lowered or ("guarded" if guarded is not None else False))
            self.block(node.body, body_env)  # recording pass
            self.loops_lowered.pop()
            self.lowered_depth -= lowered
            self.tensor_jumps.pop()
        after = self.block(node.orelse, dict(head))
        if lowered and not dispatch:
            return after  # the loop's outputs: Tensors, even after zero trips
        return _join_env(env, after)  # a Python form may run zero times: the values on entry

    def _body_env(self, node, head, target_kind, lowered, dispatch):
        """The env a loop body starts with: the head, narrowed by a while's test, with a for's
        target bound."""
        body_env = narrow(head, narrowed(node.test, self.ctx), True) if isinstance(
            node, gast.While) else dict(head)
        if isinstance(node, gast.For):
            self._assign(node.target, target_kind(head, lowered, dispatch), body_env)
        return body_env

    @staticmethod
    def _loop_value(value, first, lowered, jump) -> Value:
        """The loop head's value as the decision sees it (why the loop is lowered)."""
        if lowered and value[0] == Kind.PYTHON and jump is not None and jump[1]:
            return Value(Kind.UNKNOWN, f"the loop may exit early under the dispatched condition at "
                         f"line {jump[0]}")
        if jump is not None and not jump[1] and value[0] < Kind.TENSOR:
            return Value(Kind.TENSOR, f"the loop exits early under the Tensor condition at line {jump[0]}")
        if lowered and first[0] == Kind.PYTHON and value[0] == Kind.TENSOR:
            return Value(Kind.TENSOR, "it starts as a Python value but becomes a Tensor after the first "
                         "iteration; lowered (AutoGraph rejects this)")
        if lowered and value[0] < Kind.UNKNOWN:
            return value._replace(kind=Kind.TENSOR)
        return value

    def visit_While(self, node, env):
        return self._loop(node, env, lambda e: self._eval(node.test, e), "while",
                          f"condition `{src(node.test, self.ctx)}`")

    def visit_For(self, node, env):
        seen = Evaluator(self.ctx, env).value(node.iter)  # a probe: records nothing
        over = dataset_builtin(node.iter)
        if over is not None and all(Evaluator(self.ctx, env).value(a).sort is Sort.DATASET for a in over):
            seen = Value(Kind.PYTHON, f"`{src(node.iter, self.ctx)}` of datasets is a dataset "
                         "(`ds.enumerate()`, `tf.data.Dataset.zip`)", sort=Sort.DATASET)
        maybe = seen.sort is Sort.ITERATOR and EITHER in seen.why
        if maybe and not self.graph_form:  # a tf.data or a Python iterator: for_loop dispatches
            return self._for_loop(node, env, either=True)
        if seen.sort in (Sort.DATASET, Sort.ITERATOR):
            return self._dataset_loop(node, env, seen)
        return self._for_loop(node, env)

    def _dataset_loop(self, node, env, seen: Value) -> Env:
        """`for x in ds`: a `ds.reduce` over the dataset, or a `tf.while_loop` over
        `get_next_as_optional()` of an iterator (with `break`/`return`, or over an iterator;
        lower/iterators.py); the names the body assigns are its state (Tensors), the element
        is a Tensor (or a structure)."""
        what = "a tf.data.Dataset" if seen.sort is Sort.DATASET else "an iterator"
        value = Value(Kind.TENSOR, f"{what}: {seen.reason}" if seen.reason else what)
        jumps = contains(node.body, (gast.Break,), into_loops=False) or contains(
            node.body, (gast.Return,), into_loops=True)
        if seen.sort is Sort.ITERATOR and EITHER in seen.why:
            target = MAYBE_PY_ITERATOR  # refused (AGX111): it may be a Python iterator
        elif seen.sort is Sort.ITERATOR:
            target = ITERATOR_WHILE
        else:
            # `c[0] = v`: tf.data turns a list in a `Dataset.reduce` state into a Tensor (which
            # takes no item assignment); a tf.while_loop over the iterator keeps its structure
            target = DATASET_WHILE if jumps or assigned_items(node.body) else REDUCE
        self._decide(node, "for", value, target, f"iterable `{src(node.iter, self.ctx)}`")
        self._control_fate(node)
        head = dict(env)
        for name in live_writes(node.body) | target_names(node.target):
            head[name] = Value(Kind.TENSOR, f"`{name}` is state of the {target} at line {node.lineno}")
            if f"{name}[]" in head:  # a container as state: its items are Tensors in the loop
                head[f"{name}[]"] = Value(Kind.TENSOR, f"an item of `{name}`, state of the {target} "
                                          f"at line {node.lineno}")
        body_env = dict(head)
        self._assign(node.target, Value(Kind.TENSOR, f"`{src(node.target, self.ctx)}` is an element "
                                        f"of {what}"), body_env)
        self.tensor_jumps.append(None)
        self.lowered_depth += 1
        self.block(node.body, body_env)
        self.lowered_depth -= 1
        self.tensor_jumps.pop()
        return _join_env(env, self.block(node.orelse, dict(head)))

    def _for_loop(self, node, env, either=False):
        def iterable(e):
            it = node.iter
            if is_builtin_call(it, "range", "enumerate", "zip"):
                return Evaluator(self.ctx, e, self).join(it.args)
            if either:  # the for_loop helper tells a tf.data iterator from a Python one
                return Value(Kind.UNKNOWN, f"`{src(it, self.ctx)}` is an iterator {EITHER}")
            return Evaluator(self.ctx, e, self).value(it)

        def target_kind(e, lowered, dispatch=False):
            if lowered and dispatch:
                return Value(Kind.UNKNOWN, f"`{src(node.target, self.ctx)}` iterates a value that may "
                             "be a Tensor")
            if lowered:
                return Value(Kind.TENSOR, f"`{src(node.target, self.ctx)}` iterates a Tensor")
            it = node.iter
            if is_builtin_call(it, "range"):
                return PY
            if isinstance(it, (gast.List, gast.Tuple)):
                return Evaluator(self.ctx, e).join(it.elts)
            return Value(Kind.UNKNOWN, f"`{src(node.target, self.ctx)}` is an element of a Python iterable")

        it = node.iter
        is_range = is_builtin_call(it, "range")
        is_tf_range = isinstance(it, gast.Call) and tf_api(it.func, self.ctx) == "range"

        def head_value(e):
            v = iterable(e)
            if is_range or is_tf_range:
                return v
            # a Python iterable that is not a range: lowered when it is (or may be) a Tensor
            return v if v[0] >= Kind.UNKNOWN and v.sort not in PYTHON_SORTS else v._replace(kind=Kind.PYTHON)

        guard = not is_tf_range and guardable(node, env, self.ctx, self.scope)
        return self._loop(node, env, head_value, "for", f"iterable `{src(node.iter, self.ctx)}`",
                          target_kind, jumpable=(is_range or is_tf_range) and not guard, guard=guard)


GUARDABLE = (gast.Assign, gast.AugAssign, gast.Pass, gast.Break, gast.Continue)


def guardable(node: gast.For, env: Env, ctx, scope) -> bool:
    """A Python `for` whose `break` under a Tensor `if` can stay Python (unrolled): after the
    break, each later iteration runs under `cond(not did_break)` (lower/python_breaks.py).

    Only where that keeps eager semantics: the body rebinds names defined before the loop
    and calls TensorFlow (no Python effect a graph branch would trace whatever the
    condition: appends, prints, item assignment), with no `return` or nested loop."""
    if node.orelse and contains(node.orelse, (gast.Break, gast.Continue, gast.Return), into_loops=False):
        return False
    targets = target_names(node.target)

    def simple(stmts) -> bool:
        for stmt in stmts:
            if isinstance(stmt, gast.If):
                if not (simple(stmt.body) and simple(stmt.orelse)):
                    return False
            elif isinstance(stmt, gast.Expr):
                if not (isinstance(stmt.value, gast.Call) and tf_api(stmt.value.func, ctx)):
                    return False
            elif not isinstance(stmt, GUARDABLE):
                return False
            elif isinstance(stmt, (gast.Assign, gast.AugAssign)):
                names = [stmt.target] if isinstance(stmt, gast.AugAssign) else stmt.targets
                if not all(isinstance(t, gast.Name) and t.id not in targets and env.get(t.id) is not None
                           for t in names):
                    return False
        return True

    return (contains(node.body, (gast.Break,), into_loops=False) and simple(node.body)
            and not _read_outside(scope, node, targets))


def _read_outside(scope, loop, names) -> bool:
    """Whether a name of `names` is read in `scope` (nested scopes too) outside `loop`."""
    inside = {id(n) for n in walk(loop)}
    return any(isinstance(n, gast.Name) and n.id in names and not isinstance(n.ctx, gast.Store)
               and id(n) not in inside for n in walk(scope))


def _guard_decision(node, line: int) -> None:
    """The loop stays Python; its decision says how the Tensor `break` is kept."""
    d = get(node, Anno.DECISION)
    put(node, Anno.PYTHON_BREAK, line)
    if d is not None:
        d.reason += (f"; its `break` under the Tensor condition at line {line} sets a `did_break` "
                     "flag, and each later iteration runs under `cond(not did_break)`")
