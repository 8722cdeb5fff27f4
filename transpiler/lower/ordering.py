"""Explicit program order for stateful ops: a post-pass over a lowered function.

A TF1 graph has no automatic control dependencies: an op nothing depends on never runs,
and two ops with no path between them run in any order. This pass writes the dependencies
`tf.function` would add. The tf1 target runs it on every function; tf2 (`order_tf2.py`)
only where a lowered branch or loop body has effects.

Before (lowered):                        After:
    def loop_body(i):                        def loop_body(i):
        tf.print(i)                              print_op = tf.print(i)
        i += 1                                   with tf.control_dependencies([print_op]):
        return i,                                    i += 1
                                                     return i,
    i, = tf.while_loop(c, loop_body, (i,))   i, = tf.while_loop(c, loop_body, (i,))
    c = a + b                                with tf.control_dependencies([i]):
    return c                                     c = a + b
                                                 return c

A statement is stateful when it calls tf.print, an assert, `assign*`/`scatter*`/`read_value`,
reads a tf.Variable, or calls a stateful function (a branch, a loop body, a converted
helper). Its result is the handle; the statements after it go under
`with tf.control_dependencies(handle)`, so every later op (the next stateful one, the
values returned) runs after it. Returned values computed before the last stateful op pass
through `tf.identity` inside the block; a stateful function that returns nothing returns
`tf.group(handle)`, so its caller can depend on it (a branch without outputs: the other
branch returns `tf.no_op()`). A stateful loop condition or body starts under a dependency
on its loop variables (the previous iteration's gated outputs) unless its first stateful op
takes one as input. Inside Python `if`/`for` (unrolled while tracing) the handle is a list
`after`, reassigned after each stateful op.
"""
from __future__ import annotations

import copy
from typing import Dict, List, Optional, Set, Tuple

import gast

from ..ground.syntax import always_exits, walk
from ..ground.anno import Anno, get, has, put
from ..ground.tfapi import is_variable_call
from . import templates as T
from .common import LowerContext, api_or_helper
from .effects import COMPOUND, Effects, assigned_names

ROLES = (("print", "print_op"), ("ssert", "assert_op"), ("assign", "update_op"),
         ("scatter", "update_op"), ("cond", "cond_op"), ("while_loop", "loop"))
SIMPLE = (gast.Expr, gast.Assign, gast.AugAssign, gast.AnnAssign)
COMPUTING = (gast.Call, gast.BinOp, gast.UnaryOp, gast.Compare, gast.BoolOp, gast.Subscript, gast.IfExp)


def _is_constant(expr) -> bool:
    """An expression of literals only: a Python value, never an op."""
    return not any(isinstance(n, (gast.Name, gast.Call, gast.Attribute)) for n in walk(expr))


def _computes(stmt) -> bool:
    """An assignment that creates an op where it stands (not an alias, not a literal)."""
    if isinstance(stmt, gast.AugAssign):
        return True  # `i += 1` reads `i`: an op when `i` is a Tensor
    value = getattr(stmt, "value", None)
    return isinstance(stmt, gast.Assign) and isinstance(value, COMPUTING) and not _is_constant(value)


class _Resume:
    """A queue entry of `block`: the statements of an existing dependency block are done."""

    def __init__(self, segment: List):
        self.segment = segment


class EffectOrdering(Effects):
    """Orders the stateful ops of one lowered function and its nested functions."""

    def __init__(self, state: LowerContext, variables=(), stateful_functions=()):
        super().__init__(state, variables, stateful_functions)
        self.chain = state.namer.new("after")
        self.top_returns_op = True

    def run(self, fn: gast.FunctionDef, returns_op: bool = True) -> bool:
        """Order `fn` in place; True if it has stateful ops. `returns_op=False`: `fn` is a
        tf.function, which may not return an op, so if it returns nothing it still does (its
        stateful ops run anyway: tf.function runs every one of them)."""
        self.top_returns_op = returns_op
        for node in walk(fn):
            if isinstance(node, gast.Assign) and is_variable_call(node.value, self.state.ctx):
                self.variables.update(n.id for n in assigned_names(node))
        self.arrays = self.array_names(fn)
        self.containers = self.container_names(fn)
        self.rebound = self.rebound_arrays(fn, self.arrays)
        put(fn, Anno.TOP, True)  # its Python results go back to the caller as they are
        return self.function(fn, {})

    # -- functions -----------------------------------------------------------------------------
    def function(self, fn, defs: Dict[str, gast.FunctionDef]) -> bool:
        """Order the nested functions first (a statement calling one is stateful), then `fn`."""
        self._prepare(fn.body, dict(defs))
        put(fn, Anno.STATEFUL, any(self.stateful(s) for s in fn.body))
        if not get(fn, Anno.STATEFUL):
            return False
        incoming = None
        if get(fn, Anno.LOOP_FUNCTION, False):  # after the previous iteration's effects
            params = [a.id for a in fn.args.args if a.id not in self.arrays]
            first = next(s for s in fn.body if self.stateful(s))
            if params and not (isinstance(first, SIMPLE + (gast.Return,)) and self.fed_by(first, set(params))):
                incoming = gast.List(elts=[self._leaves(p) for p in params], ctx=gast.Load())
        self.current = fn
        fn.body, handle = self.block(fn.body, incoming)
        if handle is not None and not always_exits(fn.body, (gast.Return,)) and (
                self.top_returns_op or not get(fn, Anno.TOP, False)):
            fn.body.append(gast.Return(value=self._group(handle)))
            put(fn, Anno.RETURNS_OP, True)
        return True

    def _prepare(self, stmts, defs: Dict[str, gast.FunctionDef]) -> None:
        """Order nested defs in source order; point each Name at the local def it means."""
        loop_functions = self._loop_functions(stmts)
        for stmt in stmts:
            if isinstance(stmt, gast.FunctionDef):
                put(stmt, Anno.LOOP_FUNCTION, stmt.name in loop_functions)
                self.function(stmt, defs)
                defs[stmt.name] = stmt
                continue
            if isinstance(stmt, COMPOUND):
                for h in (getattr(stmt, "test", None), getattr(stmt, "iter", None)):
                    if h is not None:
                        self._link(h, defs)
                self._prepare(list(self.children(stmt)), defs)
            elif not isinstance(stmt, gast.ClassDef):
                self._link(stmt, defs)

    def _loop_functions(self, stmts) -> Set[str]:
        """Names passed as condition/body to a `tf.while_loop` (or the for_loop helper) in this scope."""
        names = set()
        for stmt in stmts:
            if isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
                continue
            for sub in walk(stmt):
                role = api_or_helper(sub.func, self.state) if isinstance(sub, gast.Call) else None
                if role in ("while_loop", "for_loop"):  # for_loop(items, cond, body, vars)
                    start = 1 if role == "for_loop" else 0
                    names |= {a.id for a in sub.args[start:start + 2] if isinstance(a, gast.Name)}
        return names

    @staticmethod
    def _link(node, defs) -> None:
        for sub in walk(node):
            if isinstance(sub, gast.Name) and isinstance(sub.ctx, gast.Load) and sub.id in defs:
                put(sub, Anno.DEF, defs[sub.id])

    # -- blocks ----------------------------------------------------------------------------------
    def block(self, stmts: List, incoming=None) -> Tuple[List, Optional[gast.expr]]:
        """Straight-line order: each stateful statement opens `with control_dependencies`."""
        out: List = []
        segment, handle, pending = out, incoming, incoming
        assigned: Dict[str, bool] = {}  # names bound since the last stateful op -> by a literal
        queue = list(stmts)
        while queue:
            stmt = queue.pop(0)
            if isinstance(stmt, _Resume):
                segment = stmt.segment
                continue
            if pending is not None:
                within = self._ordered_after(stmt, pending)
                if within is not None:  # agx's own output: already under this dependency
                    segment.append(stmt)
                    queue[0:0] = within.body + [_Resume(segment)]
                    within.body, pending = [], None
                    segment = within.body
                    continue
                if not self._groups(stmt, pending):
                    segment = self._open(out, pending, stmt)
                pending = None
            if isinstance(stmt, gast.Return):
                segment.append(self._gate(stmt, handle, assigned))
            elif isinstance(stmt, COMPOUND) and self.stateful(stmt):
                start = handle or gast.List(elts=[], ctx=gast.Load())
                chain, own = self.chain, self._chain_start(segment[-1] if segment else None, start, stmt)
                if own is None:
                    segment.append(T.replace("chain = handle", chain=self.chain, handle=start)[0])
                self.chain = own or chain  # agx's output again: its `after` list goes on
                self._chained(stmt)
                segment.append(stmt)
                handle = pending = T.name(self.chain)
                self.chain = chain
                assigned = {}
            elif isinstance(stmt, SIMPLE) and self.stateful(stmt):
                new, handle = self._handle(stmt)
                segment.extend(new)
                pending, assigned = handle, {}
            else:
                if handle is not None and isinstance(stmt, COMPOUND):
                    self._gate_nested(stmt, handle)
                segment.append(stmt)
                for node in walk(stmt):
                    if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Store):
                        assigned[node.id] = not _computes(stmt)  # True: gate it when returned
        self._drop_empty(out)
        return out, handle

    def _ordered_after(self, stmt, handle) -> Optional[gast.With]:
        """`stmt` when it is `with tf.control_dependencies(<handle>):`, as this pass writes
        it (converting agx's output again): its body is the segment after the handle."""
        if not (isinstance(stmt, gast.With) and len(stmt.items) == 1):
            return None
        call = stmt.items[0].context_expr
        if not (isinstance(call, gast.Call) and len(call.args) == 1 and not call.keywords
                and api_or_helper(call.func, self.state) == "control_dependencies"):
            return None
        return stmt if gast.dump(call.args[0]) == gast.dump(handle) else None

    def _chain_start(self, prev, start, stmt) -> Optional[str]:
        """The name of `after = <start>` just before `stmt` when `stmt` uses it as a
        dependency (this pass wrote both)."""
        if not (isinstance(prev, gast.Assign) and len(prev.targets) == 1
                and isinstance(prev.targets[0], gast.Name) and gast.dump(prev.value) == gast.dump(start)):
            return None
        name = prev.targets[0].id
        uses = any(self._ordered_after(n, T.name(name)) is not None for n in walk(stmt))
        return name if uses else None

    def _groups(self, stmt, handle) -> bool:
        """`return tf.group(<handle>)`, as this pass writes it: it runs after the handle."""
        value = getattr(stmt, "value", None) if isinstance(stmt, gast.Return) else None
        return (isinstance(value, gast.Call) and api_or_helper(value.func, self.state) == "group"
                and [gast.dump(a) for a in value.args] == [gast.dump(a) for a in self._group(handle).args])

    def _gate_nested(self, stmt, handle) -> None:
        """Returns inside a Python `if`/`for` (no stateful op of its own) after a handle."""
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(stmt, field, None) or []
            for i, s in enumerate(stmts):
                if isinstance(s, gast.Return):
                    stmts[i] = self._gate(s, handle, {})
                elif isinstance(s, COMPOUND):
                    self._gate_nested(s, handle)
        for h in getattr(stmt, "handlers", None) or []:
            self._gate_nested(gast.If(test=None, body=h.body, orelse=[]), handle)

    def _open(self, segment: List, handle, after) -> List:
        block = gast.With(items=[gast.withitem(context_expr=T.call(
            self.state.api("control_dependencies"), handle), optional_vars=None)], body=[],
            type_comment=None)
        block.lineno, block.col_offset = getattr(after, "lineno", 0), 0
        segment.append(block)
        return block.body

    @staticmethod
    def _drop_empty(stmts: List) -> None:
        while stmts and isinstance(stmts[-1], gast.With):
            last = stmts[-1]
            EffectOrdering._drop_empty(last.body)
            if last.body:
                return
            stmts.pop()

    def _chained(self, stmt) -> None:
        """Python `if`/`for`/`with`/`try` (unrolled while tracing): thread the `after` list."""
        for field in ("body", "orelse", "finalbody"):
            if getattr(stmt, field, None):
                setattr(stmt, field, self._chain_block(getattr(stmt, field)))
        for h in getattr(stmt, "handlers", None) or []:
            h.body = self._chain_block(h.body)

    def _chain_block(self, stmts: List) -> List:
        chain = T.name(self.chain)
        out = []
        for stmt in stmts:
            if self._ordered_after(stmt, chain) is not None:
                out.append(stmt)  # agx's output again: ordered already
            elif isinstance(stmt, COMPOUND) and self.stateful(stmt):
                self._chained(stmt)
                out.append(stmt)
            elif isinstance(stmt, gast.Return):
                body = []
                self._open(body, chain, stmt)[:] = [self._gate(stmt, chain, {})]
                out.extend(body)
            elif isinstance(stmt, SIMPLE) and self.stateful(stmt):
                new, handle = self._handle(stmt)
                body = []
                self._open(body, chain, stmt)[:] = new
                out.extend(body + T.replace("chain = handle", chain=self.chain, handle=handle))
            else:
                out.append(stmt)
        return out

    # -- handles and gates -----------------------------------------------------------------------
    def _handle(self, stmt) -> Tuple[List, gast.expr]:
        """The statement rewritten to keep its result, and that result as a list."""
        value = stmt.value
        self._fix_branches(value)
        names = [n.id for n in assigned_names(stmt)] if not isinstance(stmt, gast.Expr) else []
        simple_target = (isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name)) or (
            isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and all(
                isinstance(t, gast.Name) for t in
                (stmt.targets[0].elts if isinstance(stmt.targets[0], gast.Tuple) else stmt.targets)))
        if names and simple_target:
            tensors = [self._leaves(n) for n in names if n not in self.arrays]
            if not tensors:
                tensors = [gast.Attribute(value=T.name(names[0]), attr="flow", ctx=gast.Load())]
            return [stmt], gast.List(elts=tensors, ctx=gast.Load())
        name = self.state.namer.new(self._role(value))
        keep = gast.Assign(targets=[T.name(name, gast.Store())], value=value, type_comment=None)
        keep.lineno, keep.col_offset = getattr(stmt, "lineno", 0), getattr(stmt, "col_offset", 0)
        if has(stmt, Anno.COMMENT):
            put(keep, Anno.COMMENT, get(stmt, Anno.COMMENT))
        new = [keep]
        if not isinstance(stmt, gast.Expr):  # `x[0] = v.assign(...)`: keep the result, then store it
            stmt.value = T.name(name)
            new.append(stmt)
        return new, gast.List(elts=[T.name(name)], ctx=gast.Load())

    def _role(self, value) -> str:
        func = value.func if isinstance(value, gast.Call) else None
        text = func.attr if isinstance(func, gast.Attribute) else getattr(func, "id", "")
        return next((role for key, role in ROLES if key in text), "effect")

    def _gate(self, stmt: gast.Return, handle, assigned: Dict[str, bool]) -> gast.Return:
        """A return after a stateful op: values made before it pass through tf.identity."""
        if handle is None:
            return stmt
        value = stmt.value
        if value is None or (isinstance(value, gast.Constant) and value.value is None):
            return gast.Return(value=self._group(handle))
        # a Python literal returned by the function itself stays Python (unless it is all there is)
        python_ok = get(self.current, Anno.TOP, False) and not _is_constant(value)
        stmt.value = self._gated(value, assigned, python_ok)
        return stmt

    def _gated(self, expr, assigned: Dict[str, bool], python_ok: bool):
        if isinstance(expr, (gast.Tuple, gast.List)):
            expr.elts = [self._gated(e, assigned, python_ok) for e in expr.elts]
        elif isinstance(expr, gast.Name):
            if expr.id in self.arrays:
                gated = T.call(gast.Attribute(value=expr, attr="identity", ctx=gast.Load()))
                if expr.id not in self.rebound:
                    return gated
                is_array = T.call(T.name("isinstance"), T.name(expr.id), self.state.api("TensorArray"))
                return gast.IfExp(test=is_array, body=gated,
                                  orelse=T.call(self.state.api("identity"), T.name(expr.id)))
            if assigned.get(expr.id, True) and expr.id in self.containers:
                return T.call(self.state.api("nest.map_structure"), self.state.api("identity"), expr)
            if assigned.get(expr.id, True):
                return T.call(self.state.api("identity"), expr)
        elif isinstance(expr, gast.Constant) and expr.value is not None and not python_ok:
            return T.call(self.state.api("identity"), expr)
        return expr

    def _leaves(self, name: str):
        """A dependency on `name`: the name, or every leaf of a container (`*tf.nest.flatten(x)`)."""
        if name in self.containers:
            return gast.Starred(value=T.call(self.state.api("nest.flatten"), T.name(name)), ctx=gast.Load())
        return T.name(name)

    def _group(self, handle):
        if isinstance(handle, gast.List):
            return T.call(self.state.api("group"), *copy.deepcopy(handle.elts))
        return T.call(self.state.api("group"), gast.Starred(value=copy.deepcopy(handle), ctx=gast.Load()))

    def _fix_branches(self, value) -> None:
        """A `tf.cond` with a branch returning an op: the other branches return `tf.no_op()`."""
        for call in walk(value):
            if not (isinstance(call, gast.Call) and api_or_helper(call.func, self.state) == "cond"):
                continue
            slots = [(call.args, i) for i in (1, 2) if i < len(call.args)] + [
                (k, "value") for k in call.keywords if k.arg in ("true_fn", "false_fn")]
            defs = [self._branch_def(owner[key] if isinstance(key, int) else owner.value)
                    for owner, key in slots]
            if not any(get(d, Anno.RETURNS_OP, False) for d in defs if d is not None):
                continue
            for (owner, key), d in zip(slots, defs):
                branch = owner[key] if isinstance(key, int) else owner.value
                if d is None and isinstance(branch, gast.Lambda) and _is_constant(branch.body):
                    if isinstance(key, int):
                        owner[key] = self.state.api("no_op")
                    else:
                        owner.value = self.state.api("no_op")
                elif d is not None and not get(d, Anno.RETURNS_OP, False):
                    d.body = [s for s in d.body if not (isinstance(s, gast.Return) and s.value is None)]
                    d.body.append(gast.Return(value=T.call(self.state.api("no_op"))))
                    put(d, Anno.RETURNS_OP, True)

    @staticmethod
    def _branch_def(branch):
        if isinstance(branch, gast.Lambda) and isinstance(branch.body, gast.Call):
            branch = branch.body.func
        return get(branch, Anno.DEF, None) if isinstance(branch, gast.Name) else None
