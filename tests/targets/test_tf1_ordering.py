"""tf.print order under the tf1 target: what eager execution prints, in the same order.

TF1 graphs run only what the fetches depend on; the ordering pass ties every tf.print to
the outputs with control dependencies. Each test runs the original eagerly and the tf1
runners on the same calls and compares results and everything printed.
"""
import pytest
import tensorflow as tf

from differential import Py, load, same, to_arg, to_numpy
from differential_tf1 import plain
from transpiler import transpile

H = "import tensorflow as tf\n\n"


def printed(capfd, module, calls, eager):
    tf.config.run_functions_eagerly(eager)
    try:
        results = []
        for name, args in calls:
            args = [to_arg(a) for a in args] if eager else [plain(a) for a in args]
            results.append(to_numpy(getattr(module, name)(*args)))
    finally:
        tf.config.run_functions_eagerly(False)
    out, err = capfd.readouterr()
    return results, out + err


def check_same_output(capfd, source, calls):
    code = transpile(source, target="tf1")
    expected, expected_text = printed(capfd, load(source), calls, eager=True)
    got, got_text = printed(capfd, load(code), calls, eager=False)
    assert all(same(e, g) for e, g in zip(expected, got)), f"{expected} != {got}\n{code}"
    assert got_text == expected_text, f"printed:\n{got_text}\nexpected:\n{expected_text}\n{code}"
    assert expected_text.strip(), "the case must print something"
    return code


LOOP = H + """
@tf.function
def f(n):
    s = 0
    for i in tf.range(n):
        tf.print("a", i)
        if i % 2 == 0:
            tf.print("even", i)
        s += i
        tf.print("b", s)
    tf.print("done")
    return s
"""


def test_prints_in_loop_and_branch_run_in_program_order(capfd):
    code = check_same_output(capfd, LOOP, [("f", (5,)), ("f", (0,))])
    assert "tf.no_op" in code, "the branch without outputs pairs with tf.no_op"


def test_print_unrelated_to_the_result_still_runs(capfd):
    source = H + """
@tf.function
def f(x):
    tf.print("first", x)
    y = x * 2
    tf.print("second", y)
    return x + 1
"""
    check_same_output(capfd, source, [("f", (3,)), ("f", (4,))])


def test_function_without_return_runs_its_prints_and_returns_none(capfd):
    source = H + """
@tf.function
def f(x):
    tf.print("only", x)
"""
    check_same_output(capfd, source, [("f", (2,))])
    module = load(transpile(source, target="tf1"))
    assert module.f(5) is None


def test_python_loop_unrolled_prints_chain_through_after(capfd):
    source = H + """
@tf.function
def f(x):
    for k in range(3):
        tf.print("k", k)
        x = x + k
    tf.print("end", x)
    return x
"""
    code = check_same_output(capfd, source, [("f", (1,))])
    assert "with tf.control_dependencies(after):" in code


def test_early_python_return_keeps_the_body_as_a_function(capfd):
    source = H + """
@tf.function
def f(x, training=False):
    if training:
        return x * 2
    tf.print("eval")
    return x
"""
    code = check_same_output(capfd, source, [("f", (3,)), ("f", (3, Py(True)))])
    assert "outputs = f(x, training)" in code


def test_print_in_helper_is_tied_to_the_caller(capfd):
    source = H + """
def log(x):
    tf.print("log", x)

@tf.function
def f(x):
    log(x)
    if x > 0:
        log(x * 10)
    return x + 1
"""
    code = check_same_output(capfd, source, [("f", (7,)), ("f", (-1,))])
    assert "def build_log_graph" not in code, "a helper stays a graph-building function"


def test_print_in_while_condition_loop_with_constant_messages(capfd):
    source = H + """
@tf.function
def f(n):
    i = 0
    while i < n:
        tf.print("tick")
        i += 1
        tf.print("tock", i)
    return i
"""
    check_same_output(capfd, source, [("f", (3,))])


@pytest.mark.parametrize("x", [4.0, -1.0])
def test_assert_runs_before_the_result(x):
    source = H + """
@tf.function
def f(x):
    tf.debugging.Assert(x > 0, ["x must be positive"])
    return tf.sqrt(x)
"""
    module = load(transpile(source, target="tf1"))
    if x > 0:
        assert module.f(x) == 2.0
    else:
        with pytest.raises(tf.errors.InvalidArgumentError, match="x must be positive"):
            module.f(x)


def test_nested_results_are_gated_and_python_literals_stay_python(capfd):
    source = H + """
@tf.function
def f(x):
    y = x * 3
    tf.print("made", y)
    return x, (y, "label")
"""
    code = check_same_output(capfd, source, [("f", (2,))])
    assert "outputs = tf.identity(x), (tf.identity(y), 'label')" in code, code
    assert load(code).f(2)[1][1] == "label"
