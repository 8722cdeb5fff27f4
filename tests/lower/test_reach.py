"""Functions a graph reaches through attributes, factories and arguments (analysis/reach.py),
and AGX113 for the ones agx cannot resolve. Differential cases: tests/support/corpus_state.py
("method_through_instance_attribute", "factory_called_in_converted_code",
"function_handed_to_a_converted_function")."""
import pytest
import tensorflow as tf

from differential import check_tf2
from transpiler import TranspileError, convert

H = "import tensorflow as tf\n\n"

FACTORY = H + """
def create_loop_fn(step_fn):
    def loop_fn(n):
        s = tf.constant(0.0)
        i = tf.constant(0)
        while i < n:
            s += step_fn(tf.cast(i, tf.float32))
            i += 1
        return s
    return loop_fn


def step(x):
    if x > 1.0:
        return x * 10.0
    return x


loop = tf.function(create_loop_fn(step))


def f(n):
    return loop(n)
"""


def _function_text(code, name):
    start = code.index(f"def {name}(")
    end = code.find("\ndef ", start + 1)
    return code[start:end if end > 0 else None]


@pytest.mark.parametrize("target", ["tf2", "tf1"])
def test_module_level_tf_function_of_a_factory_converts_the_factory_and_the_step(target):
    code = convert(FACTORY, target=target).code  # before: neither was converted
    assert "tf.while_loop(" in _function_text(code, "create_loop_fn")
    assert "cond(x > 1.0" in _function_text(code, "step")
    assert "run_graph(" not in _function_text(code, "create_loop_fn")  # tf1: not a runner
    assert "run_graph(" not in _function_text(code, "step")


def test_factory_differential_tf2():
    check_tf2(FACTORY, "f", [(4,), (0,)])


def test_tf_function_of_a_method_in_init_converts_the_method():
    source = H + """
class Trainer:
    def __init__(self):
        self.train = tf.function(self.step)

    def step(self, x):
        if x > 0:
            x = x * 2
        return x


def f(x):
    return Trainer().train(x)
"""
    code = check_tf2(source, "f", [(3,), (-1,)])
    assert "cond(x > 0" in _function_text(code, "step")


@pytest.mark.parametrize("returned", ["scale", "tf.function(scale)", "lambda t: scale(t)"])
def test_tf1_factory_is_not_a_runner_with_functions_all(returned):
    source = H + """
def make_scaler(k):
    def scale(x):
        if x > 0:
            x = x * k
        return x
    return """ + returned + "\n"
    code = convert(source, target="tf1", functions="all").code  # before: a Session runner
    assert "run_graph(" not in _function_text(code, "make_scaler")
    assert "tf.cond(" in _function_text(code, "make_scaler")
    from differential import load
    made = load(code).make_scaler(3)
    assert [int(made(tf.constant(v))) for v in (2, -1)] == [6, -1]


def test_tf1_plain_object_attribute_is_refused_at_conversion():
    source = H + """
class Translator:
    def translate(self, x):
        if x > 0:
            x = x * 2.0
        return x


class Runner:
    def __init__(self):
        self.model = Translator()

    @tf.function
    def run(self, x):
        return self.model.translate(x)
"""
    with pytest.raises(TranspileError) as err:
        convert(source, target="tf1", strict=True)
    assert [d.code for d in err.value.diagnostics] == ["AGX505"]


UNRESOLVED = H + """
class Translator:
    def translate(self, x):
        if x > 0:
            x = x * 2.0
        return x

    def __call__(self, x):
        while x > 10.0:
            x = x - 1.0
        return x


class Runner:
    def __init__(self, model):
        self.model = model
        self.fn = model

    @tf.function
    def run(self, x):
        return self.model.translate(x) + self.fn(x)
"""


def test_unresolved_attribute_calls_warn_with_name_and_line():
    result = convert(UNRESOLVED, strict=True)  # a warning, not a refusal: strict does not raise
    found = [(d.code, d.line, d.col, d.severity) for d in result.diagnostics]
    assert found == [("AGX113", 23, 15, "warning"), ("AGX113", 23, 41, "warning")]
    first = result.diagnostics[0]
    assert "`self.model.translate(...)`" in first.message and "`Translator.translate` (line 5)" in first.message
    assert "`Translator.__call__` (line 10)" in result.diagnostics[1].message
    assert first.help and "@tf.function" in first.help
    assert "# agx: kept as written" not in result.code  # nothing is kept: the rest converts


LIBRARY_CALLS = H + """
import os
import numpy as np
from tensorflow import keras
import collections as co


class Noisy:
    # every name a converted function calls below, defined with Tensor control flow
    def numpy(self, x):
        if x > 0:
            x = -x
        return x
    abs = assign_add = join = append = count = translate = reduce_sum = numpy
    def dense(self, x):
        if x > 0:
            x = -x
        return x
    def __call__(self, x):
        if x > 0:
            x = -x
        return x


class Model(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(3)
        self.v = tf.Variable(1.0)

    def call(self, x: tf.Tensor):
        y = self.dense(x) + tf.reduce_sum(x) + np.abs(1.0) + abs(-1) + len([x])
        self.v.assign_add(1.0)
        names = [os.path.join("a", "b"), ", ".join(["a"]), str(x).translate({})]
        names.append("c")
        q = co.deque()
        q.append(1)
        z = x.numpy() if False else x
        return y + keras.backend.abs(z) + float(names.count("a")) + super().call(x)
"""


def test_no_false_warning_on_library_calls():
    result = convert(LIBRARY_CALLS)
    assert [d.code for d in result.diagnostics if d.code == "AGX113"] == []


def test_tf1_function_passed_to_a_constructor_runs_in_the_runner_graph():
    from differential import call, load
    from differential_tf1 import call_runner
    source = H + """
class Runner(tf.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    @tf.function
    def run(self, x):
        return self.fn(x) + 1.0


def step(x):
    if x > 1.0:
        x = x * 10.0
    return x


runner = Runner(fn=step)
"""
    code = convert(source, target="tf1", strict=True).code  # before: `step` not converted
    assert "cond(x > 1.0" in _function_text(code, "step") and "run_graph(" not in _function_text(code, "step")
    original, converted = load(source), load(code)
    for x in (2.0, -1.0):
        assert call(original, "runner.run", (x,), eager=True) == converted.runner.run(x)


@pytest.mark.parametrize("setup, use", [
    ("model = Translator()\n\n\n", "model.translate(x)"),                     # a module-level instance
    # made in place; then the lambda's `m.translate` needs no warning: `translate` is converted
    ("", "Translator().translate(x) + (lambda m: m.translate(x))(Translator())"),
    ("", "_m.translate(x)"),                                                   # a local instance
])
def test_instances_in_functions_and_modules(setup, use):
    source = H + """
class Translator:
    def translate(self, x):
        if x > 0:
            x = x * 2.0
        return x

    def __call__(self, x):
        while x > 10.0:
            x = x - 3.0
        return x


class Block:
    def __init__(self):
        self.inner = Translator()

    @tf.function
    def run(self, x):
        return self.inner(x)


block = Block()
""" + setup + """@tf.function
def f(x):
    _m = Translator()
    return """ + use + """ + block.run(x)
"""
    result = convert(source)
    code = result.code
    assert "cond(x > 0" in _function_text(code, "translate")
    assert "while_loop(" in code  # Translator.__call__, through Block's self.inner
    assert result.diagnostics == []
    check_tf2(source, "f", [(3.0,), (-1.0,), (30.0,)])


def test_function_handed_to_a_tf_function_from_plain_code_is_converted():
    source = H + """
@tf.function
def run(fn, x):
    return fn(x) + 1


def step(x):
    if x > 0:
        x = x * 3
    return x


def f(x):
    return run(step, x)
"""
    code = check_tf2(source, "f", [(2,), (-1,)])  # before: `step` ran unconverted under autograph=False
    assert "cond(x > 0" in _function_text(code, "step")
    tf1 = convert(source, target="tf1", strict=True).code  # tf1: `step` builds into run's graph
    assert "run_graph(" not in _function_text(tf1, "step")
    from differential import load
    assert [load(tf1).f(x) for x in (2, -1)] == [7, 0]


def test_name_bound_to_a_factory_result_is_resolved():
    source = H + """
def make_step(k):
    def step(x):
        if x > 0:
            x = x * k
        return x
    return step


@tf.function
def f(x):
    step = make_step(3)
    return step(x) + 1
"""
    code = check_tf2(source, "f", [(2,), (-1,)])  # the factory is a callee: its nested def is converted
    assert "cond(x > 0" in _function_text(code, "make_step")


def test_function_handed_to_code_agx_cannot_see_is_converted():
    source = H + """
import functools


def step(x):
    if x > 0:
        x = x * 3
    return x


@tf.function
def f(x):
    return functools.partial(step)(x) + 1
"""
    code = check_tf2(source, "f", [(2,), (-1,)])  # before: `step` ran unconverted under autograph=False
    assert "cond(x > 0" in _function_text(code, "step")
