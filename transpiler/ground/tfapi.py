"""The TensorFlow-API vocabulary: how a module spells TensorFlow, which calls are which
API, and every table of API names the analysis, the lowering and the tools consult.

Names are relative to the TensorFlow module: `tf.math.add` is "math.add".
"""
from __future__ import annotations

import dataclasses
from typing import Optional, Set

import gast

from .syntax import dotted, walk


@dataclasses.dataclass
class TFNames:
    """How a module refers to TensorFlow: `import tensorflow as tf2` -> modules={'tf2'}."""
    modules: Set[str] = dataclasses.field(default_factory=set)
    function_names: Set[str] = dataclasses.field(default_factory=set)  # from tensorflow import function

    @property
    def alias(self) -> str:
        return "tf" if "tf" in self.modules or not self.modules else sorted(self.modules)[0]

    def is_tf(self, name: str) -> bool:
        return name in self.modules or name == "tensorflow"


def tf_api(node, ctx) -> Optional[str]:
    """`tf2.math.add` -> "math.add" when `tf2` is TensorFlow; else None.

    `ctx` is anything with a `.tf` (`TFNames`): a module context or the names themselves."""
    name = dotted(node)
    if not name:
        return None
    names = ctx.tf if hasattr(ctx, "tf") else ctx
    head, _, rest = name.partition(".")
    if names.is_tf(head) and rest:
        return rest
    if name in names.function_names:
        return "function"
    return None


def is_tf_function(decorator, ctx) -> bool:
    """`@tf.function`, `@tf.function(...)`, `@function` (from tensorflow import function)."""
    target = decorator.func if isinstance(decorator, gast.Call) else decorator
    return tf_api(target, ctx) == "function"


def signature_of(decorator):
    """The `input_signature=` value of a tf.function decorator, or None."""
    if isinstance(decorator, gast.Call):
        for kw in decorator.keywords:
            if kw.arg == "input_signature":
                return kw.value
        if len(decorator.args) > 1:  # tf.function(func, input_signature, ...)
            return decorator.args[1]
    return None


VARIABLE_APIS = ("Variable", "compat.v1.Variable", "compat.v1.get_variable")


def is_variable_call(value, ctx) -> bool:
    """`tf.Variable(...)` (and the compat.v1 spellings)."""
    return isinstance(value, gast.Call) and tf_api(value.func, ctx) in VARIABLE_APIS


KERAS_BASES = {"Layer", "Model", "Sequential"}


def is_keras_class(cls: gast.ClassDef) -> bool:
    """`class L(tf.keras.layers.Layer)`, `(keras.Model)`, `(layers.Layer)`, `(Model)`..."""
    for base in cls.bases:
        name = base.attr if isinstance(base, gast.Attribute) else getattr(base, "id", "")
        if name in KERAS_BASES:
            return True
    return False


# -- what the analysis knows of calls and attributes ----------------------------------------
PYTHON_TF_APIS = {
    "TensorSpec", "TensorShape", "executing_eagerly", "is_tensor", "as_dtype", "function",
    "Module", "name_scope", "GradientTape", "device", "control_dependencies", "get_static_value",
    "DType", "init_scope", "keras", "data", "nest.flatten", "nest.map_structure", "config",
}
STATIC_ATTRS = {"shape", "dtype", "ndim", "name", "device", "graph", "op", "trainable"}
PYTHON_METHODS = {"numpy", "get_shape", "as_list", "is_fully_defined", "num_elements"}
PYTHON_BUILTINS = {
    "len", "isinstance", "issubclass", "type", "hasattr", "getattr", "id", "callable", "repr",
    "str", "format", "print", "list", "tuple", "dict", "set", "frozenset", "enumerate", "zip",
    "sorted", "reversed", "range", "object", "super", "iter", "next", "map", "filter", "any", "all",
    "ord", "chr",
}
ARITH_BUILTINS = {"abs", "min", "max", "sum", "round", "pow"}
CONVERT_BUILTINS = {"int", "float", "bool", "complex"}
LIST_MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault",
                 "add", "discard", "popitem", "sort", "reverse"}


# -- boolean results (usable as a tf.cond predicate as they are) ----------------------------
BOOLEAN_APIS = {
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
    "logical_or", "logical_not", "logical_xor", "reduce_all", "reduce_any", "math.equal",
    "math.not_equal", "math.less", "math.less_equal", "math.greater", "math.greater_equal",
    "math.logical_and", "math.logical_or", "math.logical_not", "math.reduce_all",
    "math.reduce_any", "math.is_finite", "math.is_nan", "math.is_inf", "is_tensor",
}


# -- stateful ops (the ordering pass) -------------------------------------------------------
EFFECT_APIS = {"print", "Assert", "debugging.Assert", "compat.v1.Print", "io.write_file",
               "debugging.check_numerics", "debugging.assert_all_finite"}
EFFECT_API_PREFIXES = ("debugging.assert_", "assert_", "compat.v1.assert_", "compat.v1.assign",
                       "compat.v1.scatter_", "summary.")
EFFECT_METHODS = {"assign", "assign_add", "assign_sub", "read_value", "scatter_add", "scatter_sub",
                  "scatter_update", "scatter_max", "scatter_min", "scatter_mul", "scatter_div",
                  "scatter_nd_add", "scatter_nd_sub", "scatter_nd_update", "batch_scatter_update"}
ARRAY_METHODS = {"write", "scatter", "unstack", "split", "identity"}


# -- dtypes: what both dtype inferences (lower/checks.type_of: a dtype's name, for the
# loop-variable check; lower/lists.dtype_of: a dtype expression, for a TensorArray) share
LITERAL_DTYPES = {bool: "bool", int: "int32", float: "float32", str: "string"}  # tf.constant's
DEFAULT_FLOAT = {"zeros", "ones", "random.normal", "random.uniform", "eye"}
SAME_AS_ARG = {"zeros_like", "ones_like", "identity", "abs", "square", "negative", "minimum", "maximum"}
INT32_RESULTS = {"shape", "size", "rank"}
NOT_A_VALUE = {"cond", "case", "switch_case", "while_loop"}  # first argument: a predicate or function


def dtype_argument(call: gast.Call, api: str):
    """The dtype a TensorFlow call states in its arguments (`dtype=`, `tf.cast(x, d)`), or None."""
    for kw in call.keywords:
        if kw.arg == "dtype":
            return kw.value
    if api == "cast" and len(call.args) > 1:
        return call.args[1]
    return None


def autograph_options(decorator):
    """The `experimental_autograph_options=` keyword of a tf.function decorator, or None."""
    if isinstance(decorator, gast.Call):
        return next((k for k in decorator.keywords if k.arg == "experimental_autograph_options"), None)
    return None


def converts_builtins(fn, ctx) -> bool:
    """`fn` has a tf.function decorator whose `experimental_autograph_options` asks AutoGraph to
    convert builtins (`Feature.BUILTIN_FUNCTIONS` or `Feature.ALL`): `print` of a Tensor then
    prints on every call, so agx lowers it to `tf.print` (lower/builtins.py)."""
    for deco in getattr(fn, "decorator_list", []):
        option = autograph_options(deco) if is_tf_function(deco, ctx) else None
        if option is not None and any(
                (isinstance(n, gast.Attribute) and n.attr in ("BUILTIN_FUNCTIONS", "ALL")) or
                (isinstance(n, gast.Name) and n.id in ("BUILTIN_FUNCTIONS", "ALL"))
                for n in walk(option.value)):
            return True
    return False


# functions TensorFlow traces into a graph: API -> (positions, keywords) of those arguments
TRACING_APIS = {
    "map_fn": ((0,), ("fn",)), "scan": ((0,), ("fn",)), "foldl": ((0,), ("fn",)),
    "foldr": ((0,), ("fn",)), "vectorized_map": ((0,), ("fn",)),
    "while_loop": ((0, 1), ("cond", "body")), "cond": ((1, 2), ("true_fn", "false_fn")),
    "function": ((0,), ("func",)), "autograph.to_graph": ((0,), ("entity",)),
}
# methods that trace a function argument: Dataset.map/filter/reduce/scan/..., strategy.run
TRACING_METHODS = {
    "map": ((0,), ("map_func",)), "filter": ((0,), ("predicate",)), "flat_map": ((0,), ("map_func",)),
    "interleave": ((0,), ("map_func",)), "reduce": ((1,), ("reduce_func",)),
    "scan": ((1,), ("scan_func",)), "run": ((0,), ("fn",)),
}


def traced_arguments(call, ctx) -> list:
    """The arguments of `call` that TensorFlow traces as functions (`tf.map_fn(f, x)`: [f])."""
    api = tf_api(call.func, ctx)
    spec = TRACING_APIS.get(api) if api else None
    if spec is None and api is None and isinstance(call.func, gast.Attribute):
        spec = TRACING_METHODS.get(call.func.attr)
    if spec is None:
        return []
    positions, keywords = spec
    return ([call.args[i] for i in positions if i < len(call.args)]
            + [k.value for k in call.keywords if k.arg in keywords])
