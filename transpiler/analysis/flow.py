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
from .decisions import Decision, FunctionInfo, Kind, ParamInfo
from .tensorness import (
    LIST_MUTATORS,
    PY,
    Evaluator,
    StatementFate,
    Value,
    maybe_python,
    mixed,
    src,
)

Env = Dict[str, Value]
MAX_FIXPOINT = 4


def _join_env(a: Env, b: Env) -> Env:
    out = dict(a)
    for k, v in b.items():
        if k in out and (mixed(out[k], v) or (out[k][0] == v[0] == Kind.TENSOR and v.maybe_python)):
            out[k] = maybe_python(max(out[k], v, key=lambda w: w[0]))
        elif k not in out or v[0] > out[k][0]:
            out[k] = v
    return out


def param_infos(fn: gast.FunctionDef, is_method: bool, signature: bool) -> Dict[str, ParamInfo]:
    args = fn.args
    positional = list(args.posonlyargs) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    infos = {}
    for index, (arg, default) in enumerate(pairs):
        name = arg.id
        if is_method and index == 0 and name in ("self", "cls"):
            infos[name] = ParamInfo(name, Kind.PYTHON, "the object the method is called on")
        elif signature:
            infos[name] = ParamInfo(name, Kind.TENSOR, "declared by input_signature")
        elif isinstance(default, gast.Constant):
            infos[name] = ParamInfo(name, Kind.PYTHON,
                                    f"default value {default.value!r} is a Python value: "
                                    "each distinct value passed traces a new graph")
        elif default is not None:
            infos[name] = ParamInfo(name, Kind.UNKNOWN, "has a non-literal default value")
        else:
            infos[name] = ParamInfo(name, Kind.TENSOR,
                                    "assumed a Tensor: parameters of a tf.function are "
                                    "usually Tensors (no input_signature to confirm it)")
    for arg in (args.vararg, args.kwarg):
        if arg is not None:
            infos[arg.id] = ParamInfo(arg.id, Kind.PYTHON, "a Python tuple/dict of arguments")
    return infos


DISPLAYS = (gast.List, gast.Tuple, gast.Dict)


class FlowAnalysis:
    def __init__(self, info: FunctionInfo, ctx: ModuleContext, class_name: Optional[str]):
        self.info, self.ctx, self.class_name = info, ctx, class_name
        self.recording = True
        self.tensor_jumps = []  # per enclosing loop: line of a break/return under a tensor `if`
        self.lowered_depth = 0  # > 0 inside a lowered if/loop: lists appended there become TensorArrays
        self.tensor_arrays = set()  # those lists: len() of them is a Tensor (.size())
        self.loop_memo = {}  # (loop node id, env) -> env after it, for walks that do not record

    def run(self, fn: gast.FunctionDef, params: Dict[str, ParamInfo]) -> None:
        env: Env = {}
        for p in params.values():
            why = f"`{p.name}` is a parameter ({p.reason})"
            env[p.name] = Value(p.kind, why)
        self.block(fn.body, env)

    # -- decisions ---------------------------------------------------------------------
    def _decide(self, node, construct: str, value: Value, target: str, subject: str) -> bool:
        kind, why = value.kind, value.reason
        lowered = kind >= Kind.UNKNOWN
        if kind == Kind.TENSOR:
            reason = f"{subject} is a Tensor" + (f": {why}" if why else "")
        elif kind == Kind.UNKNOWN:
            reason = f"{subject} may be a Tensor ({why}); lowered, which also works for Python values"
        else:
            reason = f"{subject} is a Python value, evaluated once while tracing" + (
                f" ({why})" if why else "")
        if self.recording:
            decision = Decision(node.lineno, node.col_offset, construct, lowered,
                                target if lowered else None, reason, self._line(node),
                                assumption=kind == Kind.UNKNOWN)
            put(node, Anno.DECISION, decision)
            self.info.decisions.append(decision)
            if lowered and construct == "if" and (kind == Kind.UNKNOWN or value.maybe_python):
                put(node.test, Anno.MAYBE_PYTHON, True)  # may be a Python bool while tracing
        return lowered

    def decide_expr(self, node, construct, value, target):
        """Expressions: only Tensor operands are lowered (Python `and`/`not` stay Python)."""
        if not self.recording or not hasattr(node, "lineno"):
            return
        if value[0] == Kind.TENSOR:
            subject = f"condition `{src(node.test, self.ctx)}`" if construct == "ifexp" else "an operand"
            decision = Decision(node.lineno, node.col_offset, construct, True, target,
                                f"{subject} is a Tensor: {value.reason}", self._line(node))
            put(node, Anno.DECISION, decision)
            self.info.decisions.append(decision)
            if construct == "ifexp" and value.maybe_python:
                put(node.test, Anno.MAYBE_PYTHON, True)

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
            env[target.id] = value if value[0] != Kind.PYTHON else PY
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
        self._simple_fate(node, node.value, self._eval(node.value, env))
        call = node.value
        if (self.lowered_depth and isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute)
                and call.func.attr == "append" and isinstance(call.func.value, gast.Name)):
            self.tensor_arrays.add(call.func.value.id)  # lists.py turns it into a tf.TensorArray
        return env

    def visit_Return(self, node, env):
        value = self._eval(node.value, env) if node.value is not None else PY
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
        if d is not None and lowered and value[0] != Kind.TENSOR:
            d.lowered, d.lowered_to = False, None  # a Python assert stays a Python assert
        self._fate(node, "graph" if d and d.lowered else "trace-only", d.reason if d else "",
                   d.lowered_to if d else None)
        return env

    def visit_If(self, node, env):
        test = self._eval(node.test, env)
        lowered = self._decide(node, "if", test, "tf.cond", f"condition `{src(node.test, self.ctx)}`")
        if lowered and self.tensor_jumps and self.tensor_jumps[-1] is None:
            from ..ground.syntax import contains
            if contains(node.body + node.orelse, (gast.Break, gast.Return), into_loops=False):
                self.tensor_jumps[-1] = node.lineno
        self._control_fate(node)
        self.lowered_depth += lowered
        body = self.block(node.body, dict(env))
        orelse = self.block(node.orelse, dict(env))
        self.lowered_depth -= lowered
        out = _join_env(body, orelse)
        if lowered:
            line = node.lineno
            for name in block_summary(node.body).writes | block_summary(node.orelse).writes:
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
        writes = block_summary(node.body).writes
        if isinstance(node, gast.For):
            writes |= target_names(node.target)
        head = dict(env)
        first = head_value(head)
        lowered = first[0] >= Kind.UNKNOWN
        jump_line = None
        for _ in range(MAX_FIXPOINT):
            value = head_value(head)
            lowered = lowered or value[0] >= Kind.UNKNOWN or jump_line is not None
            if lowered:
                for name in writes:
                    head[name] = Value(Kind.TENSOR, f"`{name}` is a loop variable of the tf.while_loop "
                                               f"at line {node.lineno}")
            body_env = dict(head)
            if isinstance(node, gast.For):
                self._assign(node.target, target_kind(head, lowered), body_env)
            self.tensor_jumps.append(None)
            self.lowered_depth += lowered
            new_head = _join_env(head, self.block(node.body, body_env))
            self.lowered_depth -= lowered
            found = self.tensor_jumps.pop()
            if found is not None and jump_line is None and jumpable:
                jump_line = found
                continue
            if new_head == head:
                break
            head = new_head
        self.recording = recording
        value = head_value(head)
        if lowered and value[0] < Kind.UNKNOWN:
            value = value._replace(kind=Kind.TENSOR)
        if jump_line is not None and value[0] == Kind.PYTHON:
            value = Value(Kind.TENSOR, f"the loop exits early under the Tensor condition at line {jump_line}")
        elif lowered and first[0] == Kind.PYTHON:
            value = Value(Kind.TENSOR, "it starts as a Python value but becomes a Tensor after the first "
                                  "iteration; lowered (AutoGraph rejects this)")
        self._decide(node, construct, value, "tf.while_loop", subject)
        self._control_fate(node)
        if recording:
            body_env = dict(head)
            if isinstance(node, gast.For):
                self._assign(node.target, target_kind(head, lowered), body_env)
            self.tensor_jumps.append(None)
            self.lowered_depth += lowered
            self.block(node.body, body_env)  # recording pass
            self.lowered_depth -= lowered
            self.tensor_jumps.pop()
        after = self.block(node.orelse, dict(head))
        return _join_env(env, after)

    def visit_While(self, node, env):
        return self._loop(node, env, lambda e: self._eval(node.test, e), "while",
                          f"condition `{src(node.test, self.ctx)}`")

    def visit_For(self, node, env):
        def iterable(e):
            it = node.iter
            if is_builtin_call(it, "range", "enumerate"):
                return Evaluator(self.ctx, e).join(it.args)
            return Evaluator(self.ctx, e).value(it)

        def target_kind(e, lowered):
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
            # a Python iterable that is not a range: never lowered unless it is a Tensor
            return v if v[0] == Kind.TENSOR else v._replace(kind=Kind.PYTHON)

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

    visit_Break = visit_Continue = visit_Global = visit_Nonlocal = visit_Pass
