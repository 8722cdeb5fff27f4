"""Argument kinds the corpus cannot hold (made at test time): tf.Variable, datasets; and
tf1 runners with parameters known to be Python. Eager is the truth; AutoGraph recorded."""
import tensorflow as tf

from differential import Py, autograph_outcome, check_tf2, load
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


def test_unknown_iterable_that_is_a_dataset_is_a_clear_error():
    source = H + """
@tf.function
def f(items):
    s = 0
    for x in items:
        s += x
    return s
"""
    converted = load(check_tf2(source, "f", [(Py([1, 2]),)]))
    try:
        converted.f(tf.data.Dataset.range(3))
    except TypeError as exc:
        assert "annotate the parameter as a dataset" in str(exc)
    else:
        raise AssertionError("a dataset reached the index loop")
