"""Lowered `if` -> `tf.cond`, lowered `while` (and `for`) -> `tf.while_loop`.

Before:                          After:
    if x > 0:                        # line 2: if x > 0:
        y = x * 2                    def if_true():
    else:                                y = x * 2
        y = -x                           return y
                                     def if_false():
                                         y = -x
                                         return y
                                     y = tf.cond(x > 0, if_true, if_false)

A block walker threads liveness backwards (activity.live_outs) and definedness forwards.
Outputs of a `tf.cond` are the names a branch assigns that are live after it; loop
variables are the names the body assigns that are live at the loop head or after it.
A branch that reads a name before assigning it gets it as a parameter (called through a
lambda), so no closure ever sees an unbound local.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Set

import gast

from ..analysis.activity import (
    EMPTY,
    block_live_in,
    block_summary,
    expr_reads,
    invalidate,
    live_outs,
    summarize,
)
from ..ground.anno import Anno, get, put
from ..ground.printer import source_fits
from ..ground.syntax import always_exits, arguments, contains, param_names, target_names, walk, walk_body
from . import first_values, loop_options
from . import templates as T
from . import datasets
from .common import LowerContext, as_predicate, is_dispatched, is_lowered, op, with_flags
from .datasets import is_dataset_loop
from .effects import Effects
from .for_loops import ForLowering


def _returns(values: List[str]):
    if not values:
        return gast.Return(value=None)
    if len(values) == 1:
        return gast.Return(value=T.name(values[0]))
    return gast.Return(value=T.names_tuple(values))


def _targets(values: List[str]):
    if len(values) == 1:
        return T.name(values[0], gast.Store())
    return T.names_tuple(values, gast.Store())


def _function(name: str, params: List[str], body: List) -> gast.FunctionDef:
    args = arguments(params)
    fn = gast.FunctionDef(name=name, args=args, body=body or [gast.Pass()], decorator_list=[],
                          returns=None, type_comment=None, type_params=[])
    put(fn, Anno.GENERATED, True)  # a branch or loop function (see order_tf2)
    return fn


def _branch_ref(name: str, params: List[str]):
    if not params:
        return T.name(name)
    return T.thunk(T.call(T.name(name), *[T.name(p) for p in params]))


def first_appearance(fn) -> Dict[str, int]:
    """Each name's rank by where the function's text first mentions it (parameters first).
    Before: `def f(x): t = 0; s = x`     After: {"x": 0, "t": 1, "s": 2}"""
    order: Dict[str, int] = {}
    todo = [fn]
    while todo:
        node = todo.pop()
        if isinstance(node, gast.Name) and node.id not in order:
            order[node.id] = len(order)
        children = []
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, gast.AST):
                children.append(value)
            elif isinstance(value, list):
                children.extend(v for v in value if isinstance(v, gast.AST))
        todo.extend(reversed(children))
    return order


def store_lines(fn) -> Dict[str, Set[int]]:
    """The lines where each name is bound in `fn` (its parameters at line 0).
    Before: `def f(x):\n  t = 0\n  t += x`     After: {"x": {0}, "t": {2, 3}}"""
    lines: Dict[str, Set[int]] = {name: {0} for name in param_names(fn)}
    for node in walk(fn):  # nested scopes too: their stores only make a name look bound
        if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Store):
            lines.setdefault(node.id, set()).add(getattr(node, "lineno", 0))
    return lines


class ControlFlowLowering:
    make_function = staticmethod(_function)  # for lower/datasets.py

    def __init__(self, state: LowerContext, order: Optional[Dict[str, int]] = None):
        self.state = state
        self.for_lowering = ForLowering(state)
        self.order = order or {}
        self.stores: Dict[str, Set[int]] = {}  # store_lines of the function (transform sets it)

    def ordered(self, names) -> List[str]:
        """Loop variables and branch outputs in the order the code introduces them (names
        made by the lowering itself, such as a loop's counter, last)."""
        rank = self.order
        return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))
        self.containers: Set[str] = set()  # names that may hold a list/tuple/dict (tf.nest)
        self.empty_dicts: Set[str] = set()  # names bound only to `{}` (first_values.grown)
        self.structured: Set[str] = set()  # those and names bound to a call's result (shape invariants)

    # -- blocks ------------------------------------------------------------------------
    def block(self, stmts: List, live_out: FrozenSet[str], defined: Set[str]) -> List:
        """Lower every statement of a block; `defined` is updated in place."""
        outs = live_outs(stmts, live_out)
        result = []
        for stmt, out in zip(stmts, outs):
            new = self.stmt(stmt, out, defined)
            result.extend(new)
            for s in new:
                defined |= summarize(s).mustdef
        return result

    def stmt(self, node, live_out, defined) -> List:
        if isinstance(node, gast.If) and is_lowered(node):
            return self.lower_if(node, live_out, defined)
        if is_dataset_loop(node):
            return datasets.lower(self, node, live_out, defined)
        if isinstance(node, gast.For) and is_lowered(node):
            head = self.for_lowering.lower(node, live_out, defined)
            if head is None:
                return [node]
            for s in head[:-1]:
                defined |= summarize(s).mustdef
            lowered = self.lower_while(head[-1], live_out, defined)
            if len(lowered) > 1 and len(head) > 1:  # the line comment goes above the hoisted bounds and counter
                put(head[0], Anno.COMMENT, get(lowered[0], Anno.COMMENT) + list(get(head[0], Anno.COMMENT, [])))
                put(lowered[0], Anno.COMMENT, [])
            return head[:-1] + lowered
        if isinstance(node, gast.While) and is_lowered(node):
            return self.lower_while(node, live_out, defined)
        # Python statements: recurse with the right live-out sets
        if isinstance(node, gast.If):
            d1, d2 = set(defined), set(defined)
            node.body = self.block(node.body, live_out, d1)
            node.orelse = self.block(node.orelse, live_out, d2)
        elif isinstance(node, (gast.For, gast.While)):
            head = summarize(node).exposed | live_out
            inner = set(defined) | (target_names(node.target) if isinstance(node, gast.For) else EMPTY)
            node.body = self.block(node.body, head, inner)
            node.orelse = self.block(node.orelse, live_out, set(defined))
        elif isinstance(node, gast.With):
            node.body = self.block(node.body, live_out, set(defined))
        elif isinstance(node, (gast.Try, gast.TryStar)):
            # a handler or `finally` may run after any statement of the body: what they
            # read is live throughout it (what the body reads later, its own liveness says)
            after = [s for h in node.handlers for s in h.body] + node.orelse + node.finalbody
            everything = live_out | block_summary(after).reads | frozenset().union(
                *(expr_reads(h.type) for h in node.handlers))
            node.body = self.block(node.body, everything, set(defined))
            for h in node.handlers:
                h.body = self.block(h.body, everything, set(defined))
            node.orelse = self.block(node.orelse, everything, set(defined))
            node.finalbody = self.block(node.finalbody, live_out, set(defined))
        return [node]

    # -- if ----------------------------------------------------------------------------
    def lower_if(self, node: gast.If, live_out, defined) -> List:
        state = self.state
        if contains(node.body + node.orelse, (gast.Break, gast.Continue), into_loops=False):
            state.sink.error("AGX103", "`break`/`continue` inside a tensor `if` cannot leave a Python "
                             "loop (the loop is unrolled while tracing)", node,
                             help="iterate with `tf.range(...)` so the loop is lowered too")
            return [node]
        returning = contains(node.body + node.orelse, (gast.Return,), True)
        body, orelse = block_summary(node.body), block_summary(node.orelse)
        if returning:
            return self._lower_returning_if(node, defined)
        outputs = self.ordered((body.writes | orelse.writes) & live_out)
        for name in outputs:
            if name not in defined and name not in state.declared_global and not (
                    name in body.mustdef and name in orelse.mustdef):
                branch = "else" if name in body.mustdef else "if"
                state.sink.error(
                    "AGX201", f"`{name}` is assigned in only one branch of a tensor `if` "
                    f"(line {node.lineno}) and used after it", node,
                    help=f"also assign `{name}` in the {branch} branch, or before the `if`")
        for name in sorted(body.writes | orelse.writes):
            if name in state.declared_global:
                state.sink.error("AGX203", f"`global`/`nonlocal` `{name}` is rebound inside a tensor "
                                 "`if`; a graph branch cannot rebind a Python global", node,
                                 help="return the value instead, or use a tf.Variable")
        true_name, false_name = state.namer.new("if_true"), state.namer.new("if_false")
        defs, refs = [], []
        for name, stmts, summary in ((true_name, node.body, body), (false_name, node.orelse, orelse)):
            params = self.ordered(summary.writes & block_live_in(stmts, frozenset(outputs)))
            lowered = self.block(stmts, frozenset(outputs), set(defined) | set(params)) if stmts else []
            self._branch(name, lowered + ([_returns(outputs)] if outputs or not lowered else []),
                         defs, refs, self.unbound_here(node))
        dispatch = is_dispatched(node)
        cond = _flag_update(outputs, refs, node.test, state) if not defs and not dispatch else None
        cond = cond or T.call(op(state, "cond", dispatch), as_predicate(node.test, state, dispatch), *refs)
        if outputs:
            out = gast.Assign(targets=[_targets(outputs)], value=cond, type_comment=None)
        else:
            out = gast.Expr(value=cond)
        return self._commented(node, defs + [out], "tf.cond")

    def _lower_returning_if(self, node: gast.If, defined) -> List:
        """Both branches return (after jumps.restructure): `return tf.cond(...)`."""
        state = self.state
        for stmts, other in ((node.body, node.orelse), (node.orelse, node.body)):
            if not always_exits(stmts, (gast.Return,)):
                rets = [n for n in walk_body(node.body + node.orelse) if isinstance(n, gast.Return)]
                if rets and all(get(n, Anno.REPORTED, False) for n in rets):
                    return [node]  # its `with`/`try` got AGX105 (jumps._jump_error): one cause, one error
                state.sink.error("AGX107", "`return` inside a tensor `if` here cannot be lowered "
                                 "(it is inside a `with`, `try` or Python loop)", node,
                                 help="compute the result in a variable and return it after the block")
                return [node]
        kinds = {_returns_value(node.body), _returns_value(node.orelse)}
        if kinds == {True, False}:
            state.sink.error("AGX106", f"one path of the tensor `if` at line {node.lineno} returns a "
                             "value and another returns nothing", node,
                             help="return a value on every path (a graph has one output signature)")
            return [node]
        true_name, false_name = state.namer.new("if_true"), state.namer.new("if_false")
        defs, refs = [], []
        for name, stmts in ((true_name, node.body), (false_name, node.orelse)):
            summary = block_summary(stmts)
            for g in sorted(summary.writes & state.declared_global):  # as in _lower_if
                state.sink.error("AGX203", f"`global`/`nonlocal` `{g}` is rebound inside a tensor "
                                 "`if`; a graph branch cannot rebind a Python global", node,
                                 help="return the value instead, or use a tf.Variable")
            params = self.ordered(summary.writes & summary.exposed)
            self._branch(name, self.block(stmts, EMPTY, set(defined) | set(params)), defs, refs,
                         self.unbound_here(node))
        dispatch = is_dispatched(node)
        cond = T.call(op(state, "cond", dispatch), as_predicate(node.test, state, dispatch), *refs)
        return self._commented(node, defs + [gast.Return(value=cond)], "tf.cond")

    def unbound_here(self, node) -> Set[str]:
        """Names bound only inside `node` (not a parameter, not bound on any other line): at
        its entry they are unbound, so a branch must not take them as parameters even where
        it reads them before assigning them (`for exp in (...): ...` then `exp & 1`)."""
        first, last = node.lineno, getattr(node, "end_lineno", None) or node.lineno
        return {name for name, lines in self.stores.items()
                if lines and all(first <= line <= last for line in lines)}

    def _branch(self, name: str, body: List, defs: List, refs: List, unbound=frozenset()) -> None:
        """A branch function, or a plain `lambda: expr` when the branch is one short expression.

        `y = expr; return y` becomes `lambda: expr`; in a longer branch the user's `y = expr`
        stays as written (then `return y`). Parameters are the names the branch assigns that
        are live at its entry (read before they are assigned)."""
        body = [s for s in body if not isinstance(s, gast.Pass)] or body
        if (len(body) >= 2 and isinstance(body[-1], gast.Return) and isinstance(body[-2], gast.Assign)
                and len(body[-2].targets) == 1 and _same_names(body[-2].targets[0], body[-1].value)
                and not get(body[-2], Anno.COMMENT, None)):
            if len(body) == 2 and source_fits(body[-2].value, LAMBDA_MAX):
                refs.append(T.thunk(body[-2].value))  # `y = expr; return y` -> `lambda: expr`
                return
            if not getattr(body[-2], "end_col_offset", 0):  # generated: the user's stay as written
                body = body[:-2] + [gast.Return(value=body[-2].value)]
        invalidate(gast.Module(body=body, type_ignores=[]))
        summary = block_summary(body)
        params = self.ordered((summary.writes & summary.exposed) - unbound)
        only = body[0] if len(body) == 1 else None
        if (isinstance(only, gast.Return) and not get(only, Anno.COMMENT, None)
                and source_fits(only.value or T.constant(None), LAMBDA_MAX)):
            refs.append(T.thunk(only.value or T.constant(None)))
            return
        defs.append(_function(name, params, body))
        refs.append(_branch_ref(name, params))

    def _commented(self, node, stmts: List, what: str) -> List:
        first = stmts[0]
        put(first, Anno.COMMENT, list(get(node, Anno.COMMENT, [])) + self.state.line_comment(node))
        for s in stmts:
            if not hasattr(s, "lineno"):
                s.lineno, s.col_offset = node.lineno, node.col_offset
        return stmts

    # -- while -------------------------------------------------------------------------
    def _refused(self, node: gast.While) -> bool:
        """A `:=` in the condition, or a jump left in the body (after a diagnostic)."""
        state = self.state
        if any(isinstance(n, gast.NamedExpr) for n in walk(node.test)):
            state.sink.error("AGX110", "an assignment expression (`:=`) in the condition of a tensor "
                             "loop cannot be lowered", node.test,
                             help="assign before the loop and at the end of its body instead")
            return True
        leftover = [n for n in walk_body(node.body, into_loops=False)
                    if isinstance(n, (gast.Return, gast.Break, gast.Continue))]
        if leftover and not all(get(n, Anno.REPORTED, False) for n in leftover):  # else jumps.py said why
            what = "return" if isinstance(leftover[0], gast.Return) else "break/continue"
            state.sink.error("AGX104" if what == "return" else "AGX105",
                             f"`{what}` at this place in a tensor loop cannot be lowered", leftover[0],
                             help="keep the result in a variable and `break`, with the jump directly "
                             "in `if` statements of the loop body")
        return bool(leftover)

    def lower_while(self, node: gast.While, live_out, defined) -> List:
        state = self.state
        dispatch = is_dispatched(node)
        test = with_flags(node.test, [] if get(node, Anno.FROM_FOR, False)
                          else get(node, Anno.FLAGS, []), state, dispatch)
        if self._refused(node):
            return [node]
        node.body, options = loop_options.extract(node.body, state)
        body = block_summary(node.body)
        head = body.exposed | expr_reads(test) | live_out
        loop_vars = self.ordered(body.writes & head)
        loop_options.check_growth(node.body, loop_vars, options, node, state)
        first, undefined = first_values.split(
            [n for n in loop_vars if n not in defined and n not in state.declared_global],
            body, expr_reads(test))
        grown = [] if get(node, Anno.FOR_ITEMS) else first_values.grown(
            node.body, [n for n in loop_vars if n in self.empty_dicts], expr_reads(test))
        first = first + grown
        for name in loop_vars:
            if name in undefined:  # AGX203 below
                state.sink.error(
                    "AGX202", f"`{name}` is assigned in the tensor loop at line {node.lineno} but "
                    "not defined before it", node,
                    help=f"give `{name}` an initial value (of the same dtype) before the loop; a name "
                    "the body assigns on every path before reading it needs none")
            if name in state.declared_global:
                state.sink.error("AGX203", f"`global`/`nonlocal` `{name}` is rebound inside a tensor "
                                 "loop", node, help="return the value instead, or use a tf.Variable")
        items = get(node, Anno.FOR_ITEMS)  # a dispatched `for`: the for_loop helper
        if items:
            return self._commented(node, self._for_loop(node, test, loop_vars, defined, items, options),
                                   "for_loop")
        if not loop_vars:
            state.sink.error("AGX108", f"the tensor loop at line {node.lineno} changes no variable "
                             "its condition reads: it would never stop", node,
                             help="update a variable the loop condition depends on")
            return [node]
        cond_name, body_name = state.namer.new("loop_cond"), state.namer.new("loop_body")
        ran = state.namer.new("loop_ran") if first else None
        params = loop_vars + ([ran] if ran else [])
        cond_fn = _function(cond_name, params, [gast.Return(value=as_predicate(test, state, dispatch))])
        lowered = self.block(node.body, frozenset(loop_vars), set(defined) | set(loop_vars))
        init, result = first_values.flagged(loop_vars, ran) if ran else (
            T.names_tuple(loop_vars), T.names_tuple(loop_vars))
        body_fn = _function(body_name, params, lowered + [gast.Return(value=result)])
        call = T.call(op(state, "while_loop", dispatch), T.name(cond_name), T.name(body_name), init)
        trace = state.namer.new("first") if ran else None
        if ran:
            options.invariants.update(first_values.invariants(first, loop_vars, trace, state))
        call.keywords = loop_options.keywords(options, params, self.structured, state)
        out = gast.Assign(targets=[T.names_tuple(params, gast.Store())], value=call,
                          type_comment=None)
        if not ran:
            return self._commented(node, [cond_fn, body_fn, out], "tf.while_loop")
        return self._commented(node, [cond_fn, body_fn] + first_values.initial(
            first, loop_vars, body_name, state, trace, self.containers, grown) + [out] + first_values.ran_check(
            first, ran, node.lineno, state, grown), "tf.while_loop")


    def _for_loop(self, node, test, loop_vars, defined, items, options) -> List:
        """[loop_cond def (with flags), loop_body def, `vars = for_loop(items, cond, body, vars)`]."""
        state = self.state
        iterable, element = items
        body_name = state.namer.new("loop_body")
        defs = []
        cond = T.constant(None)
        if not (isinstance(test, gast.Constant) and test.value is True):
            cond_name = state.namer.new("loop_cond")
            defs.append(_function(cond_name, loop_vars, [gast.Return(value=test)]))
            cond = T.name(cond_name)
        lowered = self.block(node.body, frozenset(loop_vars), set(defined) | set(loop_vars) | {element})
        body_fn = _function(body_name, [element] + loop_vars, lowered + [gast.Return(value=T.names_tuple(loop_vars))])
        call = T.call(op(state, "for_loop", True), iterable, cond, T.name(body_name), T.names_tuple(loop_vars))
        call.keywords = loop_options.keywords(options, loop_vars, self.structured, state)
        out = gast.Assign(targets=[T.names_tuple(loop_vars, gast.Store())], value=call,
                          type_comment=None) if loop_vars else gast.Expr(value=call)
        return defs + [body_fn, out]


def _flag_update(outputs, refs, test, state):
    """`flag = tf.cond(p, lambda: True, lambda: flag)` says `flag = tf.logical_or(flag, p)`.
    None for any other tf.cond."""
    if len(outputs) != 1 or len(refs) != 2 or not all(isinstance(r, gast.Lambda) for r in refs):
        return None
    if not (outputs[0].startswith("did_") and outputs[0] in state.namer.everywhere):
        return None  # a break/return flag agx made (always a bool), never a user's variable
    yes, no = refs[0].body, refs[1].body
    if not (isinstance(yes, gast.Constant) and yes.value is True and isinstance(no, gast.Name)
            and no.id == outputs[0]):
        return None
    return T.call(state.api("logical_or"), T.name(outputs[0]), as_predicate(test, state))


LAMBDA_MAX = 60  # longest branch expression written inline as `lambda: expr`


def _same_names(target, value) -> bool:
    """`y` and `y`, or `(a, b)` and `(a, b)`: an assignment immediately returned."""
    if isinstance(target, gast.Name) and isinstance(value, gast.Name):
        return target.id == value.id
    if isinstance(target, gast.Tuple) and isinstance(value, gast.Tuple):
        return len(target.elts) == len(value.elts) and all(
            _same_names(a, b) for a, b in zip(target.elts, value.elts))
    return False


def _returns_value(stmts) -> Optional[bool]:
    """True if the returns in `stmts` carry values, False if all bare/None, None if none."""
    from ..ground.syntax import walk_body
    values = [not (r.value is None or (isinstance(r.value, gast.Constant) and r.value.value is None))
              for r in walk_body(stmts) if isinstance(r, gast.Return)]
    if not values:
        return None
    return any(values)


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    lowering = ControlFlowLowering(ctx, first_appearance(fn))
    lowering.stores = store_lines(fn)
    lowering.containers = Effects.container_names(fn)
    lowering.empty_dicts = first_values.empty_dicts(fn)
    lowering.for_lowering.params = set(param_names(fn))
    lowering.structured = lowering.containers | loop_options.structured_names(fn, ctx)
    fn.body = lowering.block(fn.body, frozenset(), set(param_names(fn)))
    return fn
