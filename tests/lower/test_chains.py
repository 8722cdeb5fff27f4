"""Chained comparisons on Tensors (lower/chains.py): `0 < x < 5` and `a == b == c` become
`logical_and` of their pairs. Before, the chain was kept, so Python asked bool() of a Tensor
while tracing ("using a tf.Tensor as a Python bool is not allowed"). Eager is the truth."""
import pytest
import tensorflow as tf

from differential import Py, autograph_outcome, check_tf2
from differential_tf1 import check_tf1
from transpiler import transpile

H = "import tensorflow as tf\n\n"

RANGE = H + """
@tf.function
def f(x, y):
    if 0 < x < 5:
        y = y + 1
    return y
"""

EQUAL = H + """
@tf.function
def g(a, b, c):
    if a == b == c:
        return a + 1
    return a - 1
"""

TYPED = H + """
@tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
def h(x):
    return tf.where(-3 <= x < 3, x, 0)
"""

IMPURE = H + """
def limit():
    return 5

@tf.function
def k(x):
    if 0 < x < limit():
        x = x + 1
    return x
"""

RANGE_ARGS = [(3, 1), (7, 1), (0, 1), (Py(3), Py(1)), (Py(9), Py(1))]
EQUAL_ARGS = [(2, 2, 2), (2, 2, 3), (3, 2, 2), (Py(2), Py(2), Py(2)), (Py(2), Py(3), Py(3))]


def test_a_range_chain_on_tensors_and_python_values_matches_eager():
    code = check_tf2(RANGE, "f", RANGE_ARGS)
    assert "logical_and(0 < x, x < 5)" in code, code


def test_an_equality_chain_matches_eager():
    code = check_tf2(EQUAL, "g", EQUAL_ARGS)
    assert "logical_and(a == b, b == c)" in code, code


def test_a_known_tensor_chain_calls_tf_logical_and():
    code = check_tf2(TYPED, "h", [(1,), (3,), (-3,), (-4,)])
    assert "tf.logical_and(-3 <= x, x < 3)" in code, code


@pytest.mark.parametrize("source, name, args", [(RANGE, "f", RANGE_ARGS[:3]), (EQUAL, "g", EQUAL_ARGS[:3])])
def test_tf1_chains_are_graph_ops(source, name, args):
    code = check_tf1(source, name, args)
    assert "tf.logical_and(" in code, code
    if name == "g":
        assert "tf.logical_and(tf.equal(a, b), tf.equal(b, c))" in code, code


def test_a_chain_with_a_call_stays_as_written():
    """`tf.logical_and` evaluates both sides, Python's chain skips `limit()` when `0 < x` is
    False: the chain is kept (and fails on a Tensor, as it did)."""
    code = transpile(IMPURE)
    assert "0 < x < limit()" in code and "logical_and" not in code, code


@pytest.mark.parametrize("source", [RANGE, EQUAL, TYPED])
def test_chains_output_is_a_fixed_point(source):
    for target in ("tf2", "tf1"):
        once = transpile(source, target=target)
        assert transpile(once, target=target) == once


def test_autograph_also_handles_the_range_chain():
    assert autograph_outcome(RANGE, "f", RANGE_ARGS) == "ok"


def test_the_chain_is_a_decision_explain_prints():
    from transpiler.api import analyze
    (info,) = [i for i in analyze(TYPED).functions if i.name == "h"]
    (chain,) = [d for d in info.decisions if d.construct == "chain"]
    assert (chain.line, chain.lowered, chain.lowered_to, chain.dispatch) == (6, True, "tf.logical_and", False)
    (impure,) = [i for i in analyze(IMPURE).functions if i.name == "k"]
    assert not [d for d in impure.decisions if d.construct == "chain"]
