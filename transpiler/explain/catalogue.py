"""The findings `agx explain` can report: stable codes, severity, title, explanation, hint.

Codes never change meaning once released; new findings get new codes. Explanations use
plain words (what happens while tracing vs on every call), not agx internals.
"""
from __future__ import annotations

from .model import Finding

TF_VARIABLE_ERROR = ("tf.function only supports singleton tf.Variables created on the first call. "
                     "Make sure the tf.Variable is only created once or created outside tf.function.")
TF_RETRACING_WARNING = ("N out of the last M calls to F triggered tf.function retracing. Tracing is "
                        "expensive and the excessive number of tracings could be due to (1) creating "
                        "@tf.function repeatedly in a loop, (2) passing tensors with different shapes, "
                        "(3) passing Python objects instead of tensors.")

MODULE_PATTERN = """create the variable once, in a tf.Module's __init__ (the seed chapter's DemoModule):
    class DemoModule(tf.Module):
        def __init__(self, init_value=tf.constant(0.0), name=None):
            super().__init__(name=name)
            self.x = tf.Variable(init_value, dtype=tf.float32, trainable=True)

        @tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)])
        def addprint(self, a):
            self.x.assign_add(a)
            tf.print(self.x)
            return self.x"""

CATALOGUE = {
    "AGX400": ("error", "agx cannot convert this statement"),
    "AGX401": ("warning", "Python `print` runs only while tracing"),
    "AGX402": ("error", "tf.Variable created inside a tf.function"),
    "AGX403": ("warning", "outer Python state mutated inside a tf.function"),
    "AGX404": ("note", "no input_signature: each new dtype or shape traces a new graph"),
    "AGX405": ("warning", "Python-valued parameter: each distinct value traces a new graph"),
    "AGX406": ("warning", "tf.function created inside a function or loop"),
    "AGX407": ("error", "Tensor used as a Python value"),
    "AGX408": ("error", "variable defined on only one path"),
    "AGX409": ("error", "loop variable changes dtype"),
    "AGX420": ("warning", "experimental_autograph_options has no effect once agx converts the function"),
}

AUTOGRAPH_FEATURES = (  # what each AutoGraph option did, and what agx does instead
    ("BUILTIN_FUNCTIONS", "AutoGraph made a `print` of a Tensor print on every call; agx does the "
                          "same ahead of time: such a `print(...)` becomes `tf.print(...)` (stderr, "
                          "TensorFlow's formatting); a `print` of Python values, or with `file=`/`flush=`, "
                          "stays Python and runs only while tracing"),
    ("LISTS", "AutoGraph turned list appends in Tensor loops into TensorArrays; agx lowers a list "
              "appended in a Tensor loop or branch and stacked to a tf.TensorArray without the option"),
    ("ASSERT_STATEMENTS", "AutoGraph turned `assert` into graph asserts; agx lowers an `assert` on a "
                          "Tensor to tf.debugging.Assert without the option"),
    ("EQUALITY_OPERATORS", "agx keeps `==`/`!=` on Tensors as written (tf.equal in the tf1 target)"),
)


def autograph_options_finding(line, col, written: str) -> Finding:
    named = [f"{name}: {what}" for name, what in AUTOGRAPH_FEATURES if name in written or "ALL" in written]
    return make("AGX420", line, col,
                f"`experimental_autograph_options={written}` configures AutoGraph, which agx turns off "
                "(`autograph=False`): the converted decorator drops it. "
                + ("; ".join(named) + "." if named else "agx's conversion does not depend on it."),
                "remove the option (agx's output no longer needs it)")

RETRACE_CODES = ("AGX404", "AGX405", "AGX406")


def make(code: str, line: int, col: int, explanation: str, hint: str, title: str = "") -> Finding:
    severity, default_title = CATALOGUE[code]
    return Finding(code, severity, line, col, title or default_title, explanation, hint)


def print_finding(line, col) -> Finding:
    return make("AGX401", line, col,
                "`print` is Python: it runs when tf.function traces the function (the first call "
                "and every retrace), not when the graph runs. Calls that reuse a graph print nothing.",
                "use `tf.print(...)` to print on every call (a `print` left in shows you when the "
                "function retraces)")


def variable_finding(line, col) -> Finding:
    return make("AGX402", line, col,
                "the tf.Variable is created while tracing, not on every call as in eager code. "
                "tf.function accepts variables created on the first trace only, and traces such a "
                "function again to check; unless the creation is guarded to run once (`if self.v is "
                f'None:`), the first call already raises ValueError: "{TF_VARIABLE_ERROR}"', MODULE_PATTERN)


def mutation_finding(line, col, name: str, how: str) -> Finding:
    return make("AGX403", line, col,
                f"{how} `{name}`, which lives outside the function. This runs once per trace, "
                "not on every call: calls that reuse the graph leave it untouched, and a retrace "
                "changes it again.",
                "return the values from the function instead, or keep state in a tf.Variable "
                "(values) or a tf.TensorArray (sequences)")


def no_signature_finding(line, col, params) -> Finding:
    names = ", ".join(f"`{p}`" for p in params)
    return make("AGX404", line, col,
                f"without an input_signature, tf.function keys its graphs on the dtype and shape of "
                f"each Tensor argument ({names}): a call with a new dtype or shape traces a new graph. "
                f"TensorFlow warns when this happens often: \"{TF_RETRACING_WARNING}\"",
                "declare the accepted inputs: @tf.function(input_signature=[tf.TensorSpec(shape=..., "
                "dtype=...), ...]) (shape None or [None] accepts any size)")


def python_param_finding(line, col, params) -> Finding:
    what = "is a Python value" if len(params) == 1 else "are Python values"
    if all(p.sort.value == "optional" for p in params):  # a Python default, or a Tensor passed
        what = "is a Python value by default" if len(params) == 1 else "are Python values by default"
    explanation = (", ".join(f"`{p.name}`" for p in params) + f" {what} ({params[0].reason}). "
                   "tf.function bakes Python arguments into the graph: every distinct value "
                   "traces a new graph.")
    hint = ("pass a Tensor (tf.constant(...)) for values that change between calls; keep Python "
            "values for a few fixed settings such as `training=True/False`")
    return make("AGX405", line, col, explanation, hint)


def nested_function_finding(line, col, where: str) -> Finding:
    return make("AGX406", line, col,
                f"a tf.function is created {where}: each new tf.function object has an empty graph "
                "cache, so every time this line runs, the next call traces again (TensorFlow's "
                "warning names this cause first: \"creating @tf.function repeatedly in a loop\").",
                "create the tf.function once, at module level or in __init__, and call it here")


def tensor_as_python_finding(line, col, what: str, explanation: str = "") -> Finding:
    return make("AGX407", line, col,
                explanation or f"{what} needs a concrete Python value, but inside a tf.function the "
                "Tensor is symbolic while tracing: the call fails (OperatorNotAllowedInGraphError / "
                "AttributeError).",
                "keep the value a Tensor: use tf.cast, tf.cond, tf.where, or tf.get_static_value for a "
                "value known while tracing")


def one_path_finding(line, col, message: str, hint: str) -> Finding:
    return make("AGX408", line, col,
                f"{message}. Graph control flow has fixed outputs: a tf.cond must produce the variable "
                "in both branches, a tf.while_loop needs it before the loop (AutoGraph: \"'y' must also "
                "be initialized in the else branch\").", hint)


def dtype_finding(line, col, message: str, hint: str) -> Finding:
    return make("AGX409", line, col,
                f"{message}. A tf.while_loop variable keeps one dtype (AutoGraph's words: \"'<name>' has "
                "dtype <before> before the loop, but dtype <after> after one iteration\"); the graph "
                "would fail to build (AGX302).", hint)


def conversion_finding(line, col, code: str, message: str, hint: str) -> Finding:
    return make("AGX400", line, col,
                f"{message} ({code}; `agx convert` reports the same error)", hint or "",
                title=f"agx cannot convert this: {message}")

