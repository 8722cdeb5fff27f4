"""The statement walk of the tensor-ness analysis: one decision per control-flow statement.

Requires: ``ModuleContext``; uses ``Evaluator`` for expressions.
Attaches: ``Anno.DECISION`` on If/While/For/IfExp/BoolOp/not/Assert nodes; fills a
          ``FunctionInfo`` (params, decisions, statement fates) for `transpile` and `explain`.
"""
from __future__ import annotations

from typing import Dict, Optional

import gast

from ..ground.anno import Anno, get, put
from ..ground.syntax import JUMPS, always_exits as ends_in, dotted, param_names, walk
from ..ground.tfapi import tf_api
from . import callsites, kinds
from . import items as item_kinds
from .activity import block_summary
from .context import ModuleContext
from .decisions import Decision, FunctionInfo, Kind, ParamInfo
from .env import Env, always_exits
from .exprs import StatementFate
from .env import attr_writes as _attr_writes
from .env import dispatch_value as _dispatch_value
from .env import join_env as _join_env
from .loops import LoopFlow
from .tensorness import (
    LIST_MUTATORS,
    PY,
    Evaluator,
    Value,
    maybe_python,
    narrow,
    narrowed,
    src,
)


def param_infos(fn: gast.FunctionDef, is_method: bool, signature: bool,
                assume=None, feeds: bool = False) -> Dict[str, ParamInfo]:
    """Each parameter's kind with its source (analysis/kinds.py)."""
    return kinds.param_infos(fn, is_method, signature, assume, feeds)




class FlowAnalysis(LoopFlow):
    def __init__(self, info: FunctionInfo, ctx: ModuleContext, class_name: Optional[str],
                 graph_form: bool = False):
        self.info, self.ctx, self.class_name = info, ctx, class_name
        # the tf1 target writes the graph form of what dispatches on an unknown value
        # (targets/tf1.graph_form_only): its outputs are Tensors, as converting it again sees
        self.graph_form = graph_form
        self.recording = True
        self.tensor_jumps = []  # per enclosing loop: line of a break/return under a tensor `if`
        self.lowered_depth = 0  # > 0 inside a lowered if/loop: lists appended there become TensorArrays
        self.tensor_arrays = set()  # those lists: len() of them is a Tensor (.size())
        self.loop_memo = {}  # (loop node id, env) -> env after it, for walks that do not record
        self.loops_lowered = []  # per enclosing loop of the recording pass: lowered or not
        self.lambdas = {}  # name -> the lambda last assigned to it (`l = lambda v: ...`)
        self.lambdas_decided = set()  # ids of those whose body a call has decided (called_lambda)
        from ..ground.tfapi import converts_builtins
        self.builtins = converts_builtins(info.node, ctx)  # print of a Tensor -> tf.print

    def run(self, fn: gast.FunctionDef, params: Dict[str, ParamInfo]) -> None:
        env: Env = {}
        self.scope, self.rest, self.indexes, self.memo = fn, [], {}, {}
        self.top, self._loop_items, self._empty = fn, None, None  # nested defs change `scope`
        for p in params.values():
            why = f"`{p.name}` is a parameter ({p.reason})"
            env[p.name] = Value(p.kind, why, sort=p.sort)
        self.block(fn.body, env)

    # -- decisions ---------------------------------------------------------------------
    def _decide(self, node, construct: str, value: Value, target: str, subject: str) -> bool:
        kind, why = value.kind, value.reason
        lowered = kind >= Kind.UNKNOWN
        dispatch = kind == Kind.UNKNOWN or (kind == Kind.TENSOR and value.maybe_python
                                            and construct in ("if", "while", "for"))
        if dispatch:
            reason = (f"{subject} may be a Tensor or a Python value ({why}): dispatched while "
                      f"tracing, {target} for a Tensor, the Python `{construct}` otherwise")
        elif kind == Kind.TENSOR:
            reason = f"{subject} is a Tensor" + (f": {why}" if why else "")
        elif kind == Kind.UNKNOWN:
            reason = f"{subject} may be a Tensor ({why})"
        else:
            reason = f"{subject} is a Python value, evaluated once while tracing" + (
                f" ({why})" if why else "")
        if self.recording:
            decision = Decision(node.lineno, node.col_offset, construct, lowered,
                                target if lowered else None, reason, self._line(node),
                                assumption=kind == Kind.UNKNOWN, dispatch=lowered and dispatch)
            put(node, Anno.DECISION, decision)
            self.info.decisions.append(decision)
        return lowered

    def decide_expr(self, node, construct, value, target):
        """Expressions: Tensor operands are lowered, operands that may be Tensors dispatch
        (Python `and`/`not` stay Python on Python values)."""
        if not self.recording or not hasattr(node, "lineno") or value[0] == Kind.PYTHON:
            return
        subject = f"condition `{src(node.test, self.ctx)}`" if construct == "ifexp" else "an operand"
        dispatch = value[0] == Kind.UNKNOWN or (construct == "ifexp" and value.maybe_python)
        if dispatch:
            reason = (f"{subject} may be a Tensor or a Python value ({value.reason}): dispatched "
                      f"while tracing, {target} for a Tensor, Python `{construct}` otherwise")
        else:
            reason = f"{subject} is a Tensor: {value.reason}"
        decision = Decision(node.lineno, node.col_offset, construct, True, target, reason,
                            self._line(node), assumption=value[0] == Kind.UNKNOWN, dispatch=dispatch)
        put(node, Anno.DECISION, decision)
        self.info.decisions.append(decision)

    def decide_next(self, node, it: Value, sure: bool) -> None:
        """`next(it, default)`: tf.cond on `get_next_as_optional()` for a tf.data iterator;
        dispatched (Python's next() otherwise) when `it` may be a Python iterator."""
        if not self.recording:
            return
        default = len(node.args) == 2
        if sure and not default:
            reason = (f"`{src(node.args[0], self.ctx)}` is a tf.data iterator ({it.reason}): its "
                      "get_next() op, which fails with OutOfRangeError at the end (as under AutoGraph)")
        elif sure:
            reason = f"`{src(node.args[0], self.ctx)}` is a tf.data iterator ({it.reason})"
        else:
            reason = (f"`{src(node.args[0], self.ctx)}` may be a tf.data or a Python iterator "
                      f"({it.reason}): dispatched while tracing")
        decision = Decision(node.lineno, node.col_offset, "next", default, "tf.cond" if default else None,
                            reason, self._line(node), assumption=not sure, dispatch=not sure)
        put(node, Anno.DECISION, decision)
        self.info.decisions.append(decision)

    def _line(self, node) -> str:
        lines = self.ctx.source_lines
        line = getattr(node, "lineno", 0)
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def _fate(self, node, fate: str, reason: str, lowered_to: Optional[str] = None) -> None:
        if self.recording and hasattr(node, "lineno"):
            self.info.statements.append(StatementFate(
                node.lineno, node.col_offset, self._line(node), fate, lowered_to, reason))

    # -- statements --------------------------------------------------------------------
    def block(self, stmts, env: Env) -> Env:
        for i, stmt in enumerate(stmts):
            rest = self.rest = stmts[i + 1:]  # what a nested def's call sites are looked up in
            env = self.stmt(stmt, env)  # (nested blocks set self.rest too: `rest` is this block's)
            if rest and ends_in([stmt], JUMPS):
                self.block(rest, dict(env))  # dead code (lowering drops it): its fates only
                return env
        return env

    def stmt(self, node, env: Env) -> Env:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            self._fate(node, "trace-only", "Python statement, runs while tracing")
            return env
        return method(node, env)

    def _eval(self, node, env: Env) -> Value:
        return Evaluator(self.ctx, env, self).value(node)

    def _assign(self, target, value: Value, env: Env) -> None:
        if isinstance(target, gast.Name):
            env[target.id] = value if value[0] != Kind.PYTHON or value.sort else PY
        elif isinstance(target, (gast.Tuple, gast.List)):
            for elt in target.elts:
                self._assign(elt, value, env)
        elif isinstance(target, gast.Starred):
            self._assign(target.value, Value(Kind.PYTHON, ""), env)
        elif isinstance(target, gast.Attribute) and dotted(target):
            env[dotted(target)] = value

    def _empty_lists(self) -> set:
        """Names the function binds to `[]`: the lists lists.py can make TensorArrays (a
        parameter's list is not one: its len() stays as it is decided, a Python len or the
        `length` helper)."""
        if getattr(self, "_empty", None) is None:
            self._empty = {t.id for a in walk(self.top) if isinstance(a, gast.Assign)
                           and isinstance(a.value, gast.List) and not a.value.elts
                           for t in a.targets if isinstance(t, gast.Name)}
        return self._empty

    def loop_items(self) -> set:
        """ids of the nodes that are a loop's items, where a range() is the loop's own: every
        `for` header of the function, and the arguments of agx's own helpers in its output
        (`rows(range(n))`). Computed once, when a range() first asks."""
        if getattr(self, "_loop_items", None) is None:
            helpers, nodes = self.ctx.helpers, list(walk(self.top))  # nested defs included
            self._loop_items = {id(n) for f in nodes if isinstance(f, gast.For) for n in walk(f.iter)}
            self._loop_items.update(id(n) for c in nodes if isinstance(c, gast.Call)
                                    and isinstance(c.func, gast.Name) and c.func.id in helpers
                                    for a in c.args for n in walk(a))
            hoisted = _hoisted_items(nodes)  # tf1's index loop: `loop_items = <the header>`
            self._loop_items.update(id(n) for a in nodes if isinstance(a, gast.Assign) and len(a.targets) == 1
                                    and getattr(a.targets[0], "id", None) in hoisted for n in walk(a.value))
        return self._loop_items

    def visit_Assign(self, node, env):
        value = self._eval(node.value, env)
        for t in node.targets:  # `l = lambda v: ...`: its body is decided where it is called
            if isinstance(t, gast.Name):
                if isinstance(node.value, gast.Lambda) and len(node.targets) == 1:
                    self.lambdas[t.id] = node.value
                else:
                    self.lambdas.pop(t.id, None)
        copied = item_kinds.copied_name(node.value, self.ctx)
        if copied in env:  # agx's own copy of a container (converting its output again)
            value = env[copied]
        env = dict(env)
        if len(node.targets) == 1 and isinstance(node.targets[0], gast.Tuple) \
                and isinstance(node.value, gast.Tuple) and len(node.value.elts) == len(node.targets[0].elts):
            for t, v in zip(node.targets[0].elts, node.value.elts):
                self._assign(t, self._eval(v, env), env)
        else:
            for t in node.targets:
                self._assign(t, value, env)
        for t in node.targets:  # `d = {"s": x}`: what its items are (`d["s"]` is a Tensor)
            if isinstance(t, gast.Name):
                items = env.get(f"{copied}[]") if copied in env else self._display_items(node.value, env)
                if items is None:
                    env.pop(f"{t.id}[]", None)
                else:
                    env[f"{t.id}[]"] = items
            self._item_assigned(t, value, env)
        self._simple_fate(node, node.value, value)
        return env

    def _item_assigned(self, target, value: Value, env) -> None:
        item_kinds.assigned(target, value, env)

    def _items(self, display, env) -> Value:
        return item_kinds.of_display(display, lambda e: self._eval(e, env))

    def _display_items(self, value, env) -> Optional[Value]:
        return item_kinds.of_value(value, self.ctx, lambda e: self._eval(e, env))

    def visit_AugAssign(self, node, env):
        value = max(self._eval(node.target, env), self._eval(node.value, env), key=lambda v: v[0])
        env = dict(env)
        self._assign(node.target, value, env)
        self._item_assigned(node.target, value, env)
        self._simple_fate(node, node.value, value)
        return env

    def visit_AnnAssign(self, node, env):
        if node.value is None:
            return env
        value = self._eval(node.value, env)
        env = dict(env)
        self._assign(node.target, value, env)
        self._simple_fate(node, node.value, value)
        return env

    def visit_Expr(self, node, env):
        call = node.value
        if isinstance(call, gast.Call) and isinstance(call.func, gast.Name) and call.func.id == "print":
            put(call, Anno.PRINT_TENSOR, any(self._eval(a, env)[0] >= Kind.UNKNOWN for a in call.args))
            if self.builtins and get(call, Anno.PRINT_TENSOR) and self.recording and \
                    all(k.arg in ("sep", "end") for k in call.keywords):
                self.info.decisions.append(Decision(
                    node.lineno, node.col_offset, "print", True, "tf.print", "an argument is or may be "
                    "a Tensor, and AutoGraph's BUILTIN_FUNCTIONS option printed it on every call",
                    self._line(node)))
        self._simple_fate(node, node.value, self._eval(node.value, env))
        if (self.lowered_depth and isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute)
                and call.func.attr == "append" and isinstance(call.func.value, gast.Name)
                and call.func.value.id in self._empty_lists()):
            self.tensor_arrays.add(call.func.value.id)  # lists.py turns it into a tf.TensorArray
        return env

    def visit_Return(self, node, env):
        value = self._eval(node.value, env) if node.value is not None else PY
        if isinstance(node.value, (gast.Tuple, gast.List)):  # `return a, b`: the elements decide
            value = Evaluator(self.ctx, env).join(node.value.elts)
        if value[0] == Kind.PYTHON and node.value is not None:
            self._fate(node, "trace-only", "returns a Python value (a constant in the graph)")
        else:
            self._fate(node, "graph", "returns the function's outputs")
        return env

    def _simple_fate(self, node, expr, value: Value) -> None:
        call = expr if isinstance(expr, gast.Call) else None
        api = tf_api(call.func, self.ctx) if call is not None else None
        if api == "Variable":
            self._fate(node, "trace-only", "creates a tf.Variable while tracing (once per trace)")
        elif api == "print":
            self._fate(node, "graph", "tf.print is an op: prints on every call")
        elif call is not None and isinstance(call.func, gast.Name) and call.func.id == "print":
            if self.builtins and get(call, Anno.PRINT_TENSOR, False) and \
                    all(k.arg in ("sep", "end") for k in call.keywords):
                self._fate(node, "graph", "print of a Tensor becomes tf.print (AutoGraph's "
                                          "BUILTIN_FUNCTIONS option): prints on every call")
            else:
                self._fate(node, "trace-only", "Python print runs only while tracing; use tf.print")
        elif (call is not None and isinstance(call.func, gast.Attribute)
              and call.func.attr in LIST_MUTATORS and self._eval(call.func.value, {})[0] != Kind.TENSOR
              and value[0] == Kind.PYTHON):
            self._fate(node, "trace-only", f"mutates a Python container (`.{call.func.attr}`) while tracing")
        elif value[0] == Kind.PYTHON:
            self._fate(node, "trace-only", "Python value computed once per trace")
        else:
            self._fate(node, "graph", "computes Tensors" if value[0] == Kind.TENSOR
                       else f"assumed to compute Tensors ({value.reason})")

    def visit_Assert(self, node, env):
        value = self._eval(node.test, env)
        lowered = self._decide(node, "assert", value, "tf.debugging.Assert",
                               f"assertion `{src(node.test, self.ctx)}`")
        d = get(node, Anno.DECISION)
        if d is not None and lowered and value[0] != Kind.TENSOR and not d.dispatch:
            d.lowered, d.lowered_to = False, None  # a Python assert stays a Python assert
        if d is not None and d.lowered and node.msg is not None:
            self._eval(node.msg, env)  # the lowered form builds the message while tracing
        self._fate(node, "graph" if d and d.lowered else "trace-only", d.reason if d else "",
                   d.lowered_to if d else None)
        return env

    def visit_If(self, node, env):
        test = self._eval(node.test, env)
        lowered = self._decide(node, "if", test, "tf.cond", f"condition `{src(node.test, self.ctx)}`")
        dispatch = lowered and _dispatch_value(test, None) and not (self.graph_form and test[0] == Kind.UNKNOWN)
        if lowered and self.tensor_jumps and self.tensor_jumps[-1] is None:
            from ..ground.syntax import contains
            if contains(node.body + node.orelse, (gast.Break, gast.Return), into_loops=False):
                self.tensor_jumps[-1] = (node.lineno, dispatch)
        self._control_fate(node)
        self.lowered_depth += lowered
        found = narrowed(node.test, self.ctx)
        body = self.block(node.body, narrow(env, found, True))
        orelse = self.block(node.orelse, narrow(env, found, False))
        self.lowered_depth -= lowered
        if found is not None and always_exits(node.body):
            out = orelse  # `if tf.is_tensor(x): return ...`: below it, x is not a Tensor
        else:
            out = _join_env(body, orelse)
        if lowered:
            line = node.lineno
            for name in block_summary(node.body).writes | block_summary(node.orelse).writes | _attr_writes(node):
                both = [e.get(name) for e in (body, orelse)]
                if dispatch and not all(v is not None and v[0] == Kind.TENSOR for v in both):
                    out[name] = Value(Kind.UNKNOWN, f"`{name}` is an output of the dispatched `if` at "
                                      f"line {line} (a Tensor when its condition is one)")
                elif dispatch and any(v.maybe_python for v in both):
                    out[name] = maybe_python(Value(Kind.TENSOR, f"`{name}` is an output of the "
                                                   f"dispatched `if` at line {line}"))
                else:
                    out[name] = Value(Kind.TENSOR, f"`{name}` is an output of the tf.cond at line {line}")
                item_kinds.as_graph_state(out, name, f"an item of `{name}`, an output of the `if` at "
                                          f"line {line}")
        return out

    def _control_fate(self, node):
        d = get(node, Anno.DECISION)
        if d is not None and self.recording:
            self._fate(node, d.fate, d.reason, d.lowered_to)

    def visit_With(self, node, env):
        env = dict(env)
        for item in node.items:
            v = self._eval(item.context_expr, env)
            if item.optional_vars is not None:
                self._assign(item.optional_vars, v, env)
        self._fate(node, "trace-only", "context manager entered while tracing")
        return self.block(node.body, env)

    def visit_Try(self, node, env):
        self._fate(node, "trace-only", "try/except runs while tracing; it cannot catch graph errors")
        out = self.block(node.body, dict(env))
        for h in node.handlers:
            out = _join_env(out, self.block(h.body, dict(env)))
        out = self.block(node.orelse, out)
        return self.block(node.finalbody, out)

    visit_TryStar = visit_Try  # except*: the same flow

    def visit_FunctionDef(self, node, env):
        """A nested def runs in the graph when it is called there: its body is decided too,
        its parameters may be Tensors or Python values (lowering works for both)."""
        self._fate(node, "trace-only", "defines a Python function while tracing")
        inner = dict(env)
        inner.update(self._nested_params(node, env))
        saved = self.tensor_jumps, self.lowered_depth, self.scope
        self.tensor_jumps, self.lowered_depth, self.scope = [], 0, node
        self.block(node.body, inner)
        self.tensor_jumps, self.lowered_depth, self.scope = saved
        env = dict(env)
        env[node.name] = PY
        return env

    def _consumes(self, call) -> bool:
        """tf.cond / tf.while_loop / agx's own cond and while_loop run their lambdas at once."""
        func = call.func
        if isinstance(func, gast.Name) and self.ctx.helpers.get(func.id) in ("cond", "while_loop"):
            return True
        return tf_api(func, self.ctx) in ("cond", "while_loop", "case", "switch_case")

    def _nested_params(self, node, env: Env) -> Env:
        """Each parameter's kind: joined over the local calls (analysis/callsites.py) when
        every use of the function is such a call, else unknown."""
        unknown = {name: Value(Kind.UNKNOWN, f"`{name}` is a parameter of the nested function "
                               f"`{node.name}`") for name in param_names(node)}
        index = self.indexes.get(id(self.scope))
        if index is None:
            index = self.indexes[id(self.scope)] = callsites.ScopeIndex(self.scope, self._consumes, self.memo)
        calls = callsites.local_calls(index, node, self.rest)
        if calls is None or not callsites.only_local(index, node, self.rest):
            return unknown
        bound = [callsites.bind(node, call) for call in calls]
        if any(b is None for b in bound):
            return unknown
        out = dict(unknown)
        for name in unknown:
            if all(name in b for b in bound):
                values = [self._eval(b[name], env) for b in bound]
                out[name] = callsites.join(values, f"`{name}` is a parameter of the nested function "
                                           f"`{node.name}`, called with")
                items = [env.get(f"{b[name].id}[]") if isinstance(b[name], gast.Name) else None for b in bound]
                if all(v is not None for v in items):  # containers passed by name: their items too
                    out[f"{name}[]"] = callsites.join(items, f"an item of `{name}`, called with")
        return out

    def visit_Pass(self, node, env):
        return env

    visit_Global = visit_Nonlocal = visit_Pass

    def visit_Break(self, node, env, what=("ends the tf.while_loop: a `did_break` flag in its condition",
                                        "ends the Python loop while tracing (unrolling stops here)")):
        if self.loops_lowered and self.loops_lowered[-1] == "guarded":
            self._fate(node, "graph", "the rest of this iteration moved under the `if`" + (
                       "; sets the loop's `did_break` flag: each later iteration runs under "
                       "`cond(not did_break)`" if isinstance(node, gast.Break) else ""))
        elif self.loops_lowered and self.loops_lowered[-1]:
            self._fate(node, "graph", what[0] + ", the rest of the body moved under the `if`")
        elif self.loops_lowered:
            self._fate(node, "trace-only", what[1])
        return env

    def visit_Continue(self, node, env):
        return self.visit_Break(node, env, ("skips to the next iteration of the tf.while_loop",
                                        "skips to the next iteration of the Python loop while tracing"))


def _hoisted_items(nodes) -> set:
    """Names an index loop of agx's output iterates: `X` of `loop_limit = tf.shape(X)[0]`
    (the lowering hoists a `for` header into `loop_items = ...` before it)."""
    out = set()
    for a in nodes:
        if not (isinstance(a, gast.Assign) and len(a.targets) == 1 and isinstance(a.targets[0], gast.Name)
                and a.targets[0].id.startswith("loop_limit")):
            continue
        v = a.value
        if (isinstance(v, gast.Subscript) and isinstance(v.value, gast.Call)
                and isinstance(v.value.func, gast.Attribute) and v.value.func.attr == "shape"
                and len(v.value.args) == 1 and isinstance(v.value.args[0], gast.Name)):
            out.add(v.value.args[0].id)
    return out
