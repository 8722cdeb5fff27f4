"""The statement walk of the tensor-ness analysis: one decision per control-flow statement.

Requires: ``ModuleContext``; uses ``Evaluator`` for expressions.
Attaches: ``Anno.DECISION`` on If/While/For/IfExp/BoolOp/not/Assert nodes; fills a
          ``FunctionInfo`` (params, decisions, statement fates) for `transpile` and `explain`.
"""
from __future__ import annotations

from typing import Dict, Optional

import gast

from ..ground.anno import Anno, get, put
from ..ground.syntax import dotted, is_builtin_call, item_roots, target_names
from ..ground.tfapi import tf_api
from .activity import block_summary
from .context import ModuleContext
from . import kinds
from .decisions import Decision, FunctionInfo, Kind, ParamInfo, Sort
from .tensorness import (
    LIST_MUTATORS,
    narrow,
    narrowed,
    PY,
    Evaluator,
    StatementFate,
    Value,
    maybe_python,
    mixed,
    src,
)

Env = Dict[str, Value]


def always_exits(stmts) -> bool:
    return bool(stmts) and isinstance(stmts[-1], (gast.Return, gast.Raise))
MAX_FIXPOINT = 4
PYTHON_SORTS = (Sort.CONTAINER, Sort.SCALAR, Sort.CALLABLE, Sort.OBJECT)


def _dispatch_value(value: Value, jump) -> bool:
    """A loop whose head may be a Python value dispatches (jumps under a dispatched `if`
    too); one whose head is a Tensor, or that exits under a Tensor `if`, is lowered."""
    if value[0] == Kind.TENSOR:
        return value.maybe_python
    if value[0] == Kind.UNKNOWN:
        return jump is None or jump[1]
    return jump is not None and jump[1]


def _join_env(a: Env, b: Env) -> Env:
    out = dict(a)
    for k, v in b.items():
        if k in out and (mixed(out[k], v) or (out[k][0] == v[0] == Kind.TENSOR and v.maybe_python)):
            out[k] = maybe_python(max(out[k], v, key=lambda w: w[0]))
        elif k not in out or v[0] > out[k][0]:
            out[k] = v
    return out


def param_infos(fn: gast.FunctionDef, is_method: bool, signature: bool,
                assume=None, feeds: bool = False) -> Dict[str, ParamInfo]:
    """Each parameter's kind with its source (analysis/kinds.py)."""
    return kinds.param_infos(fn, is_method, signature, assume, feeds)


DISPLAYS = (gast.List, gast.Tuple, gast.Dict)


class FlowAnalysis:
    def __init__(self, info: FunctionInfo, ctx: ModuleContext, class_name: Optional[str]):
        self.info, self.ctx, self.class_name = info, ctx, class_name
        self.recording = True
        self.tensor_jumps = []  # per enclosing loop: line of a break/return under a tensor `if`
        self.lowered_depth = 0  # > 0 inside a lowered if/loop: lists appended there become TensorArrays
        self.tensor_arrays = set()  # those lists: len() of them is a Tensor (.size())
        self.loop_memo = {}  # (loop node id, env) -> env after it, for walks that do not record
        self.loops_lowered = []  # per enclosing loop of the recording pass: lowered or not
        from ..ground.tfapi import converts_builtins
        self.builtins = converts_builtins(info.node, ctx)  # print of a Tensor -> tf.print

    def run(self, fn: gast.FunctionDef, params: Dict[str, ParamInfo]) -> None:
        env: Env = {}
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
        for stmt in stmts:
            env = self.stmt(stmt, env)
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

    def visit_Assign(self, node, env):
        value = self._eval(node.value, env)
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
                items = self._items(node.value, env) if isinstance(node.value, DISPLAYS) else None
                if items is None:
                    env.pop(f"{t.id}[]", None)
                else:
                    env[f"{t.id}[]"] = items
            self._item_assigned(t, value, env)
        self._simple_fate(node, node.value, value)
        return env

    @staticmethod
    def _item_assigned(target, value: Value, env) -> None:
        """`d["s"] = v`: the items of `d` now include what `v` is."""
        for root in item_roots(target):
            old = env.get(f"{root}[]")
            if old is None:
                continue
            kind = max(old[0], value[0])
            mixed = old.maybe_python or value.maybe_python or old[0] != value[0]
            env[f"{root}[]"] = Value(kind, old.why if old[0] >= value[0] else value.why,
                                     mixed and kind != Kind.PYTHON)

    def _items(self, display, env) -> Value:
        """The join of the kinds of a list/tuple/dict display's items (nested ones included)."""
        elts = display.values if isinstance(display, gast.Dict) else display.elts
        best, python = PY, False
        for e in elts:
            v = self._items(e, env) if isinstance(e, DISPLAYS) else self._eval(e, env)
            python = python or v[0] == Kind.PYTHON or v.maybe_python
            if v[0] > best[0]:
                best = Value(v[0], f"an item of a container holding {v.why or 'it'}")
        # `c = [n, 1]`: `c[1]` is a Python value, so a condition on an item may be a Python bool
        return Value(best.kind, best.why, python and best.kind != Kind.PYTHON)

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
                and call.func.attr == "append" and isinstance(call.func.value, gast.Name)):
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
        self._fate(node, "graph" if d and d.lowered else "trace-only", d.reason if d else "",
                   d.lowered_to if d else None)
        return env

    def visit_If(self, node, env):
        test = self._eval(node.test, env)
        lowered = self._decide(node, "if", test, "tf.cond", f"condition `{src(node.test, self.ctx)}`")
        dispatch = lowered and _dispatch_value(test, None)
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
        return out

    def _control_fate(self, node):
        d = get(node, Anno.DECISION)
        if d is not None and self.recording:
            self._fate(node, d.fate, d.reason, d.lowered_to)

    def _loop(self, node, env, head_value, construct, subject, target_kind=None, jumpable=True):
        """Fixpoint over the loop head; returns the env after the loop.

        A `break`/`return` under a Tensor `if` also lowers the loop (its exit depends on a
        Tensor) when `jumpable` (a while, or a for over a range or a Tensor).

        A walk that does not record (inside an enclosing loop's fixpoint) is memoised on the
        entry env and skips the recording pass: nested loops stay linear, not 2^depth."""
        if not self.recording:
            key = (id(node), frozenset(env.items()))
            if key in self.loop_memo:
                return dict(self.loop_memo[key])
            result = self._loop_walk(node, env, head_value, construct, subject, target_kind, jumpable)
            self.loop_memo[key] = dict(result)
            return result
        return self._loop_walk(node, env, head_value, construct, subject, target_kind, jumpable)

    def _loop_walk(self, node, env, head_value, construct, subject, target_kind, jumpable):
        recording, self.recording = self.recording, False
        writes = block_summary(node.body).writes | _attr_writes(node)
        if isinstance(node, gast.For):
            writes |= target_names(node.target)
        head = dict(env)
        first = head_value(head)
        lowered = first[0] >= Kind.UNKNOWN
        jump = None  # (line, dispatched) of a break/return under a lowered `if`
        for _ in range(MAX_FIXPOINT):
            value = head_value(head)
            lowered = lowered or value[0] >= Kind.UNKNOWN or jump is not None
            dispatch = lowered and _dispatch_value(value, jump)
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
            body_env = narrow(head, narrowed(node.test, self.ctx), True) if isinstance(
                node, gast.While) else dict(head)
            if isinstance(node, gast.For):
                self._assign(node.target, target_kind(head, lowered, dispatch), body_env)
            self.tensor_jumps.append(None)
            self.lowered_depth += lowered
            new_head = _join_env(head, self.block(node.body, body_env))
            self.lowered_depth -= lowered
            found = self.tensor_jumps.pop()
            if found is not None and jump is None and jumpable:
                jump = found
                continue
            if new_head == head:
                break
            head = new_head
        self.recording = recording
        value = self._loop_value(head_value(head), first, lowered, jump)
        self._decide(node, construct, value, "tf.while_loop", subject)
        self._control_fate(node)
        if recording:
            body_env = narrow(head, narrowed(node.test, self.ctx), True) if isinstance(
                node, gast.While) else dict(head)
            if isinstance(node, gast.For):
                self._assign(node.target, target_kind(head, lowered, dispatch), body_env)
            self.tensor_jumps.append(None)
            self.lowered_depth += lowered
            self.loops_lowered.append(lowered)
            self.block(node.body, body_env)  # recording pass
            self.loops_lowered.pop()
            self.lowered_depth -= lowered
            self.tensor_jumps.pop()
        after = self.block(node.orelse, dict(head))
        if lowered and not dispatch:
            return after  # the loop's outputs: Tensors, even after zero trips
        return _join_env(env, after)  # a Python form may run zero times: the values on entry

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
        if seen.sort in (Sort.DATASET, Sort.ITERATOR):
            return self._dataset_loop(node, env, seen)
        return self._for_loop(node, env)

    def _dataset_loop(self, node, env, seen: Value) -> Env:
        """`for x in ds`: a `ds.reduce` over the dataset (lower/datasets.py); the names the
        body assigns are its state (Tensors), the element is a Tensor (or a structure)."""
        what = "a tf.data.Dataset" if seen.sort is Sort.DATASET else "an iterator"
        value = Value(Kind.TENSOR, f"{what}: {seen.reason}" if seen.reason else what)
        target = "Dataset.reduce" if seen.sort is Sort.DATASET else "iterator loop"
        self._decide(node, "for", value, target, f"iterable `{src(node.iter, self.ctx)}`")
        self._control_fate(node)
        head = dict(env)
        for name in block_summary(node.body).writes | target_names(node.target):
            head[name] = Value(Kind.TENSOR, f"`{name}` is state of the Dataset.reduce at line {node.lineno}")
        body_env = dict(head)
        self._assign(node.target, Value(Kind.TENSOR, f"`{src(node.target, self.ctx)}` is an element "
                                        f"of {what}"), body_env)
        self.tensor_jumps.append(None)
        self.lowered_depth += 1
        self.block(node.body, body_env)
        self.lowered_depth -= 1
        self.tensor_jumps.pop()
        return _join_env(env, self.block(node.orelse, dict(head)))

    def _for_loop(self, node, env):
        def iterable(e):
            it = node.iter
            if is_builtin_call(it, "range", "enumerate", "zip"):
                return Evaluator(self.ctx, e, self).join(it.args)
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

        return self._loop(node, env, head_value, "for", f"iterable `{src(node.iter, self.ctx)}`",
                          target_kind, jumpable=is_range or is_tf_range)

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
        for name in param_infos(node, False, False):
            inner[name] = Value(Kind.UNKNOWN, f"`{name}` is a parameter of the nested function "
                                f"`{node.name}`")
        saved = self.tensor_jumps, self.lowered_depth
        self.tensor_jumps, self.lowered_depth = [], 0
        self.block(node.body, inner)
        self.tensor_jumps, self.lowered_depth = saved
        env = dict(env)
        env[node.name] = PY
        return env

    def visit_Pass(self, node, env):
        return env

    visit_Global = visit_Nonlocal = visit_Pass

    def visit_Break(self, node, env, what=("ends the tf.while_loop: a `did_break` flag in its condition",
                                        "ends the Python loop while tracing (unrolling stops here)")):
        if self.loops_lowered and self.loops_lowered[-1]:
            self._fate(node, "graph", what[0] + ", the rest of the body moved under the `if`")
        elif self.loops_lowered:
            self._fate(node, "trace-only", what[1])
        return env

    def visit_Continue(self, node, env):
        return self.visit_Break(node, env, ("skips to the next iteration of the tf.while_loop",
                                        "skips to the next iteration of the Python loop while tracing"))


def _attr_writes(node) -> set:
    """`self.a` ... assigned under a lowered if/loop: outputs of it (lower.attributes), Tensors after."""
    stmts = list(node.body) + list(node.orelse)
    return {dotted(t) for s in stmts for n in gast.walk(s) if isinstance(n, (gast.Assign, gast.AugAssign, gast.AnnAssign))
            for t in (n.targets if isinstance(n, gast.Assign) else [n.target])
            if isinstance(t, gast.Attribute) and dotted(t)}
