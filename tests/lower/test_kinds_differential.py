"""Argument kinds the corpus cannot hold (made at test time): tf.Variable, datasets; and
tf1 runners with parameters known to be Python. Eager is the truth; AutoGraph recorded."""
import numpy as np
import tensorflow as tf

from differential import Py, autograph_outcome, call, check_tf2, load, same
from transpiler import transpile
from differential_tf1 import check_tf1

H = "import tensorflow as tf\n\n"

VARIABLE = H + """
@tf.function
def f(v, x):
    if v > 0:
        return v * x
    return -x
"""


def test_variable_argument_dispatches_to_the_graph_form():
    args = [(Py(tf.Variable(2.0)), 3.0), (Py(tf.Variable(-1.0)), 3.0)]
    code = check_tf2(VARIABLE, "f", args)
    assert " cond(v > 0" in code
    assert autograph_outcome(VARIABLE, "f", args) == "ok"


def test_python_kinds_in_tf1_runners_are_not_placeholders():
    source = H + """
@tf.function
def f(x, n: int, xs: tuple, training=False):
    for i in range(n):
        x = x + xs[i]
    if training:
        x = -x
    return x
"""
    code = check_tf1(source, "f", [(1.0, Py(2), Py((1.0, 2.0))), (1.0, Py(1), Py((5.0,)), Py(True))])
    assert "placeholder(x_spec" in code and "n_spec" not in code and "xs_spec" not in code


def test_unknown_iterable_that_is_a_dataset_is_walked():
    source = H + """
@tf.function
def f(items):
    s = 0
    for x in items:
        s += x
    return s
"""
    converted = load(check_tf2(source, "f", [(Py([1, 2]),)]))
    assert int(converted.f(tf.data.Dataset.range(4).map(lambda v: tf.cast(v, tf.int32)))) == 6


DATASETS = H + """
@tf.function
def train(dataset: tf.data.Dataset, w):
    loss = 0.0
    steps = 0
    for x, y in dataset:
        loss += tf.reduce_sum(x * y) * w
        steps += 1
    return loss, steps


@tf.function
def total(n):
    ds = tf.data.Dataset.range(n)
    s = tf.constant(0, tf.int64)
    for x in ds.map(lambda v: v * 2):
        if x > 2:
            s += x
    return s
"""


def test_for_over_a_dataset_is_a_reduce():
    pairs = tf.data.Dataset.from_tensor_slices(([1.0, 2.0, 3.0], [2.0, 0.5, 1.0]))
    code = check_tf2(DATASETS, "train", [(Py(pairs), 2.0), (Py(pairs.take(0)), 1.0)])
    assert "loss, steps = dataset.reduce((loss, steps), loop_body)" in code
    code = check_tf2(DATASETS, "total", [(Py(4),), (np.int64(4),), (Py(0),)])
    assert "(s,) = ds.map(lambda v: v * 2).reduce((s,), loop_body)" in code
    assert autograph_outcome(DATASETS, "train", [(Py(pairs), 2.0)]) == "ok"
    total = H + DATASETS[DATASETS.index("@tf.function\ndef total"):]  # tf1 runners take no dataset
    check_tf1(total, "total", [(np.int64(4),), (np.int64(0),)])


def test_a_loop_over_a_value_only_next_calls_an_iterator_dispatches():
    """`next(it)` alone does not tell a tf.data iterator from a Python one: the `for` goes
    through the for_loop helper, which walks either (it was AGX111)."""
    src = H + """
@tf.function
def f(it):
    s = next(it)
    for y in it:
        if y > 3:
            break
        s += y
    return s
"""
    code = transpile(src, strict=True)
    assert "for_loop(it, loop_cond, loop_body, (s, did_break))" in code
    original, converted = load(src), load(code)
    makers = [lambda: iter(tf.data.Dataset.range(1, 6)), lambda: iter([1, 2, 3, 4, 5]),
              lambda: iter(tf.data.Dataset.range(1, 2)), lambda: iter([7])]
    for make in makers:
        expected = call(original, "f", [Py(make())], eager=True)
        assert same(expected, call(converted, "f", [Py(make())])), code
