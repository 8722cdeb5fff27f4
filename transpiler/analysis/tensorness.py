"""Tensor-ness of expressions: the `Value` lattice and the `Evaluator` (the statement walk
that drives it and records decisions is `flow.py`).

Requires: a ``ModuleContext`` (analysis/context.py).
Attaches: ``Anno.KIND`` to every expression evaluated for a function; ``Anno.PYTHON_FIRST``
          to BoolOps; expression decisions go through ``FlowAnalysis.decide_expr``.

The lattice is PYTHON < UNKNOWN < TENSOR (join = max), each value with its finer `Sort`
(scalar, container, dataset, iterator, callable, ...) when known, and a Tensor value may be
marked "a Python value on another path" (`Value.maybe_python`). Parameters get their kind
from analysis/kinds.py (signature, annotations, defaults, Keras conventions, use, --assume);
`tf.*` results, Tensor methods and arithmetic on a Tensor are Tensors; literals, `.shape`,
`len()` of Python values and containers are Python. A condition or iterable that is a
Tensor is lowered to graph control flow; one that may be either (UNKNOWN, or a Tensor
that is Python on another path) dispatches at trace time (the graph form for a Tensor, the
Python statement otherwise: tf.cond refuses a Python bool); Python ones stay Python and run
at trace time. Loops iterate to a fixpoint (each variable can change kind at most twice),
so a loop whose condition only becomes a Tensor in the body is still found.
"""
from __future__ import annotations

from typing import Dict, Optional

import gast

from ..ground.syntax import all_args, children, dotted, is_builtin_call
from ..ground.tfapi import tf_api, traced_arguments
from .context import ModuleContext
from .decisions import Kind, Sort
from .kinds import DATASET_BUILDERS, DISTRIBUTE_DATASET
from .kinds import EITHER_ITERATOR as EITHER


from .values import MAYBE_PY, PY, Value, maybe_python, mixed  # noqa: F401,E402  (re-exported)
from ..ground.anno import Anno, put
from .call_decisions import CallDecisions
from .exprs import is_pure, src
from ..ground.tfapi import (  # noqa: E402
    ARITH_BUILTINS,
    CONVERT_BUILTINS,
    LIST_MUTATORS,
    PYTHON_BUILTINS,
    PYTHON_METHODS,
    PYTHON_TF_APIS,
    STATIC_ATTRS,
)

def static_kind(node, ctx: ModuleContext, python_names=()) -> Kind:
    """Kind of an expression outside any function (module level, `__init__`)."""
    env = {n: PY for n in python_names}
    return Evaluator(ctx, env).value(node)[0]


def narrowed(test, ctx) -> Optional[tuple]:
    """`tf.is_tensor(x)` / `isinstance(x, tf.Tensor)` (or their `not`): (name, a Tensor
    when the test holds); None for any other test. Dispatching code reads as Python."""
    negated = isinstance(test, gast.UnaryOp) and isinstance(test.op, gast.Not)
    call = test.operand if negated else test
    if not (isinstance(call, gast.Call) and call.args and isinstance(call.args[0], gast.Name)):
        return None
    api = tf_api(call.func, ctx)
    is_instance = (is_builtin_call(call, "isinstance") and len(call.args) == 2
                   and tf_api(call.args[1], ctx) in ("Tensor", "Variable"))
    if api == "is_tensor" or is_instance:
        return call.args[0].id, not negated
    return None


def narrow(env: Dict[str, Value], found: Optional[tuple], holds: bool) -> Dict[str, Value]:
    """The env where the test of `narrowed` is `holds`."""
    if found is None:
        return env
    name, tensor = found
    env = dict(env)
    if tensor == holds:
        env[name] = Value(Kind.TENSOR, f"`{name}` passed a tf.is_tensor/isinstance test")
    else:
        env[name] = Value(Kind.PYTHON, f"`{name}` failed a tf.is_tensor/isinstance test")
    return env


class Evaluator(CallDecisions):
    """Abstract evaluation of expressions to a `Value` (kind and why).

    `analysis` (optional) is the statement walk being recorded (`flow.FlowAnalysis`): the
    evaluator reads its `class_name` and `tensor_arrays`, reports each expression-level
    decision to its `decide_expr`, and leaves `Anno.KIND` on the nodes it evaluates.
    Without it (module level, `__init__`), evaluation only computes kinds."""

    def __init__(self, ctx: ModuleContext, env: Dict[str, Value], analysis=None):
        self.ctx, self.env, self.analysis = ctx, env, analysis

    def value(self, node) -> Value:
        method = getattr(self, "visit_" + type(node).__name__, None)
        result = method(node) if method else Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is not analysed")
        if self.analysis is not None:
            put(node, Anno.KIND, result[0])
            if result[0] == Kind.TENSOR and result.maybe_python:
                put(node, Anno.EITHER, True)
        return result

    def join(self, nodes) -> Value:
        best = PY
        for n in nodes:
            v = self.value(n)
            if v[0] > best[0]:
                best = v
        return best

    def visit_Constant(self, node):
        return Value(Kind.PYTHON, "a literal")

    def visit_Name(self, node):
        if node.id in self.env:
            return self.env[node.id]
        if node.id in self.ctx.globals:
            kind = self.ctx.globals[node.id]
            return Value(kind, f"`{node.id}` is a module-level {'Tensor' if kind == Kind.TENSOR else 'value'}")
        if node.id in __builtins__ if isinstance(__builtins__, dict) else hasattr(__builtins__, node.id):
            return PY
        return Value(Kind.UNKNOWN, f"`{node.id}` is not defined in this file")

    def visit_Attribute(self, node):
        name = dotted(node)
        if name and name in self.env:
            return self.env[name]
        if tf_api(node, self.ctx):
            return PY  # tf.float32, tf.newaxis, ...
        if node.attr in STATIC_ATTRS:
            self.value(node.value)
            return PY
        if isinstance(node.value, gast.Name) and node.value.id == "self" and self.analysis:
            attrs = self.ctx.class_attrs.get(self.analysis.class_name or "", {})
            if node.attr in attrs:
                kind = attrs[node.attr]
                what = "a tf.Variable/Tensor" if kind == Kind.TENSOR else "a Python value"
                return Value(kind, f"`self.{node.attr}` is {what} set in __init__")
            return Value(Kind.UNKNOWN, f"`self.{node.attr}` is not set in __init__")
        base = self.value(node.value)
        return base if base[0] != Kind.PYTHON else Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is an attribute")

    def visit_Subscript(self, node):
        base = self.value(node.value)
        self.value(node.slice)
        items = self.env.get(f"{node.value.id}[]") if isinstance(node.value, gast.Name) else None
        if items is not None and (items[0] == Kind.TENSOR or not items.maybe_python):
            return items  # `d["s"]` of `d = {"s": x}` (a Tensor), of `d = {"s": 0.0}` (Python)
        if items is not None and base[0] == Kind.TENSOR:  # loop state whose items may be Python
            return Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is an item of loop state that may be "
                         "a Tensor or a Python value")
        if base[0] == Kind.TENSOR:
            return base
        if isinstance(node.value, gast.Attribute) and node.value.attr == "shape":
            return PY
        return Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is an element of a Python container")

    def visit_Slice(self, node):
        return self.join([n for n in (node.lower, node.upper, node.step) if n is not None])

    def visit_Call(self, node):
        for fn in traced_arguments(node, self.ctx):
            if isinstance(fn, gast.Lambda):  # TensorFlow calls it on Tensors (tf.map_fn(lambda e: ...))
                self._traced_lambda(fn)
        arg_nodes = list(node.args) + [k.value for k in node.keywords]
        args = self.join(arg_nodes)
        api = tf_api(node.func, self.ctx)
        if api is not None:
            if api.startswith("data.") and api.split(".")[-1] in DATASET_BUILDERS:
                return Value(Kind.PYTHON, f"`{src(node.func, self.ctx)}(...)` builds a dataset",
                             sort=Sort.DATASET)
            if api in PYTHON_TF_APIS or api.split(".")[0] in ("keras", "data", "config", "dtypes", "autograph"):
                return PY
            return Value(Kind.TENSOR, f"`{src(node.func, self.ctx)}(...)` returns a Tensor")
        if isinstance(node.func, gast.Name):
            name = node.func.id
            if name in self.ctx.helpers and name not in self.env:
                return self._own_helper(node, self.ctx.helpers[name])
            if name in self.env or name in self.ctx.globals and name not in self.ctx.converted:
                self._called_lambda(name, args)
                self.value(node.func)
                return Value(Kind.UNKNOWN, f"`{name}(...)` is not converted by agx")
            if name in self.ctx.converted:
                return Value(Kind.TENSOR, f"`{name}` is converted too and returns Tensors")
            arrays = getattr(self.analysis, "tensor_arrays", ())
            if name == "len" and len(node.args) == 1 and getattr(node.args[0], "id", None) in arrays:
                return Value(Kind.TENSOR, f"`{node.args[0].id}` becomes a tf.TensorArray (appended inside "
                                     "lowered control flow): its len() is a Tensor")
            if name == "len" and len(node.args) == 1 and args[0] == Kind.TENSOR:
                self._decide_len(node, args)
                return Value(Kind.TENSOR, f"`len()` of a Tensor is its first dimension: "
                             f"tf.shape({src(node.args[0], self.ctx)})[0]")
            if (name == "len" and len(node.args) == 1 and args[0] == Kind.UNKNOWN
                    and args.sort in (None, Sort.ANY, Sort.OPTIONAL)):
                if args.sort is not None:  # a parameter's unknown: what a caller may pass
                    self._decide_len(node, args)
                return Value(Kind.UNKNOWN, f"`len({src(node.args[0], self.ctx)})` is tf.shape(...)[0] "
                             "when its argument is a Tensor, a Python int otherwise")
            if name == "range" and node.args and args[0] != Kind.PYTHON and not node.keywords \
                    and self._range(node, args):
                return Value(args[0], f"`{src(node, self.ctx)}` is tf.range(...) of Tensor bounds"
                             + ("" if args[0] == Kind.TENSOR else ", a Python range otherwise"))
            if name == "iter" and len(node.args) == 1:
                return self._iter(node)
            if name == "next" and node.args and 1 <= len(node.args) <= 2 and not node.keywords:
                return self._next(node)
            if name in PYTHON_BUILTINS:
                return PY
            if name in ARITH_BUILTINS:
                return args
            if name in CONVERT_BUILTINS:
                return PY if args[0] == Kind.PYTHON else Value(Kind.UNKNOWN, f"`{name}()` of a Tensor")
            return Value(Kind.UNKNOWN, f"`{name}(...)` is not known to agx")
        if isinstance(node.func, gast.Attribute):
            base = self.value(node.func.value)
            if node.func.attr in DISTRIBUTE_DATASET:  # `strategy.experimental_distribute_dataset(ds)`
                return Value(Kind.PYTHON, f"`{src(node.func, self.ctx)}(...)` is a distributed dataset",
                             sort=Sort.DATASET)
            if base.sort is Sort.DATASET and node.func.attr in DATASET_BUILDERS:
                return Value(Kind.PYTHON, f"`{src(node.func, self.ctx)}(...)` is a dataset", sort=Sort.DATASET)
            if node.func.attr in PYTHON_METHODS:  # TensorShape's (and .numpy()): of a Tensor's
                return PY                           # shape or of a TensorShape, a Python value
            if base[0] == Kind.TENSOR:
                return Value(Kind.TENSOR, f"`{src(node.func, self.ctx)}(...)` is a Tensor method")
            owner = dotted(node.func.value) or ""
            if owner.split(".")[0] in ("np", "numpy", "math") and args[0] == Kind.PYTHON:
                return PY
            if isinstance(node.func.value, gast.Constant) and isinstance(node.func.value.value, (str, bytes)):
                return PY  # `"".join(...)`, `"{}".format(...)`: a str method returns Python values
            if owner == "itertools":
                return PY  # a Python iterator (over Tensors it fails while tracing, as under AutoGraph)
            if owner == "self" and node.func.attr in self.ctx.converted:
                return Value(Kind.TENSOR, f"`self.{node.func.attr}` is converted too and returns Tensors")
            if node.func.attr in LIST_MUTATORS and base[0] == Kind.PYTHON:
                return PY
        else:
            self.value(node.func)
        return Value(Kind.UNKNOWN, f"`{src(node.func, self.ctx)}(...)` is not known to agx")

    def visit_BinOp(self, node):
        return self.join([node.left, node.right])

    def _graph_form(self, value: Value, what: str) -> Value:
        """The tf1 target writes the graph form of an expression that dispatches on an unknown
        value (targets/tf1.graph_form_only): its result is a Tensor, as a second pass sees."""
        if value[0] == Kind.UNKNOWN and getattr(self.analysis, "graph_form", False):
            return Value(Kind.TENSOR, f"{what} (its graph form: the tf1 target feeds unknown values)")
        return value

    def visit_UnaryOp(self, node):
        v = self.value(node.operand)
        if isinstance(node.op, gast.Not):
            self.analysis and self.analysis.decide_expr(node, "not", v, "tf.logical_not")
            return self._graph_form(v, "`not` of a value that may be a Tensor")
        return v

    def visit_BoolOp(self, node):
        values = [self.value(x) for x in node.values]
        v = max(values, key=lambda w: w[0])
        # a Python first operand would reach tf.cond as a Python bool: the lowering converts it
        put(node, Anno.PYTHON_FIRST, values[0][0] != Kind.TENSOR or values[0].maybe_python)
        if self.analysis:
            op = "and" if isinstance(node.op, gast.And) else "or"
            lazy = not all(is_pure(x) for x in node.values[1:])
            target = "tf.cond" if lazy else f"tf.logical_{op}"
            # Python only asks bool() of the operands before the last: `False or t` is `t`
            # while tracing, so only a Tensor among those needs graph ops
            head = max(values[:-1], key=lambda w: w[0])
            self.analysis.decide_expr(node, op, head if head[0] == Kind.TENSOR else values[0], target)
        head = max(values[:-1], key=lambda w: w[0])
        if values[0][0] == Kind.UNKNOWN:  # dispatched on its first operand
            return self._graph_form(Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is a Tensor or, when "
                                          f"`{src(node.values[0], self.ctx)}` is a Python value, that value"),
                                    f"`{src(node, self.ctx)}`")
        if head[0] == Kind.UNKNOWN and v[0] == Kind.TENSOR:
            return Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is a Tensor or, when "
                         f"`{src(node.values[0], self.ctx)}` is a Python value, that value")
        if head[0] != Kind.TENSOR and v[0] == Kind.TENSOR:
            return maybe_python(v)  # stays Python: its value is a Python operand or the Tensor
        return v

    def visit_Compare(self, node):
        v = self.join([node.left] + list(node.comparators))
        if any(isinstance(op, (gast.Is, gast.IsNot, gast.In, gast.NotIn)) for op in node.ops):
            return PY
        if len(node.ops) > 1 and self.analysis and all(is_pure(c) for c in node.comparators):
            # `0 < x < 5` is `(0 < x) and (x < 5)`: bool() of a Tensor (lower/chains.py)
            self.analysis.decide_expr(node, "chain", v, "tf.logical_and")
        return v

    def visit_IfExp(self, node):
        test = self.value(node.test)
        if self.analysis:
            self.analysis.decide_expr(node, "ifexp", test, "tf.cond")
        found = narrowed(node.test, self.ctx)
        if found is not None:  # `f(x) if tf.is_tensor(x) else g(x)`: each side sees its kind
            values = [Evaluator(self.ctx, narrow(self.env, found, holds), self.analysis).value(side)
                      for side, holds in ((node.body, True), (node.orelse, False))]
            return max(values, key=lambda w: w[0])
        body = self.join([node.body, node.orelse])
        if test[0] == Kind.UNKNOWN:  # dispatched: tf.cond's Tensor when the test is a Tensor
            return self._graph_form(Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is a tf.cond "
                                          "output when its test is a Tensor"), f"`{src(node, self.ctx)}`")
        if test[0] != Kind.TENSOR and mixed(self.value(node.body), self.value(node.orelse)):
            body = maybe_python(body)  # the Python test picks one of them while tracing
        return test if test[0] == Kind.TENSOR else body

    def visit_NamedExpr(self, node):
        v = self.value(node.value)
        self.env[node.target.id] = v
        return v

    def visit_Starred(self, node):
        return self.value(node.value)

    def _container(self, node):
        for child in children(node):
            if isinstance(child, gast.AST) and not isinstance(child, (gast.expr_context,)):
                if isinstance(child, gast.expr):
                    self.value(child)
        return PY

    visit_Tuple = visit_List = visit_Set = visit_Dict = visit_JoinedStr = visit_FormattedValue = _container

    def visit_Lambda(self, node):
        return PY

    def _own_helper(self, node, role: str) -> Value:
        """A call of agx's own dispatch helper (converting agx's output again): the kind of
        what it dispatches on; the outputs of a dispatched if/loop are unknown, as in the
        conversion that wrote it."""
        if role in ("logical_not", "rows", "length", "num_rows", "call", "range_of", "minimum", "zeros_like", "logical_and",
                    "logical_or", "equal", "not_equal"):
            return self.join(node.args)
        if role == "first_trace":
            return Value(Kind.PYTHON, f"`{src(node.func, self.ctx)}(...)` traces a loop body (never run)")
        what = "for (Tensors over a Tensor, dataset or iterator)" if role == "for_loop" else \
            "if/loop (a Tensor when its condition is one)"
        return Value(Kind.UNKNOWN, f"`{src(node.func, self.ctx)}(...)` is a dispatched {what}")

    def _iter(self, node) -> Value:
        """`iter(ds)`: an iterator over a dataset; over a value that may be one, either kind."""
        of = self.value(node.args[0])  # (a join keeps no sort)
        if of.sort in (Sort.DATASET, Sort.ITERATOR):
            return Value(Kind.PYTHON, of.why if EITHER in of.why else "an iterator over a dataset",
                         sort=Sort.ITERATOR)
        if of[0] == Kind.UNKNOWN:
            return Value(Kind.PYTHON, f"`{src(node, self.ctx)}` is an iterator {EITHER}", sort=Sort.ITERATOR)
        return PY

    def _next(self, node) -> Value:
        """`next(it[, default])`: a Tensor of a tf.data iterator; a decision (lower/iterators.py)."""
        it = self.value(node.args[0])
        sure = it.sort is Sort.ITERATOR and EITHER not in it.why
        if self.analysis is not None and (sure or (len(node.args) == 2 and (
                it.sort is Sort.ITERATOR or it[0] == Kind.UNKNOWN))):
            self.analysis.decide_next(node, it, sure)
        if sure:
            return Value(Kind.TENSOR, f"`{src(node, self.ctx)}` is an element of a tf.data iterator")
        if it.sort is Sort.ITERATOR or it[0] == Kind.UNKNOWN:
            return Value(Kind.UNKNOWN, f"`{src(node, self.ctx)}` is an element of an iterator "
                         "(a Tensor of a tf.data one)")
        return PY

    def _comprehension(self, node):
        return PY

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension
