"""`return` inside a `try` in a Tensor `if` (lower/try_returns.py): lowered with a flag where
the function ends with `return <simple expression>`; otherwise a located diagnostic.
The differential cases are in tests/support/corpus_state.py ("return_in_try_*")."""
import pytest

from transpiler import convert

H = "import tensorflow as tf\n\n"

LIFTED = H + """
@tf.function
def f(x):
    y = x
    if x > 0:
        try:
            y = y + 1
            if y > 3:
                return y * 10
        finally:
            y = y + 100
    return y
"""


def test_return_in_try_in_tensor_if_is_converted_not_kept():
    result = convert(LIFTED, strict=True)  # before: AGX105 + AGX107, kept as written
    assert result.warnings == []
    assert "did_return = False" in result.code and "return_value = y" in result.code
    assert "autograph=False" in result.code


@pytest.mark.parametrize("source, code, line", [
    # the function does not end with `return <simple expression>`: no type for the value
    (H + "@tf.function\ndef f(x):\n    y = x\n    if x > 0:\n        try:\n            if y > 3:\n"
     "                return y * 10\n        finally:\n            y = y + 100\n    return tf.abs(y)\n",
     "AGX105", 7),
    # a `return` in `finally` (it would also swallow an exception): not lowered
    (H + "@tf.function\ndef f(x):\n    y = x\n    if x > 0:\n        try:\n            y = y + 1\n"
     "        finally:\n            if y > 3:\n                return y\n        y = y * 2\n    return y\n",
     "AGX107", 10),
])
def test_unsupported_returns_in_try_keep_a_located_diagnostic(source, code, line):
    """Not kept as written for AutoGraph either: a refused function with a `return` inside a
    `try` is an error (the fuzzer found AutoGraph returning wrong values from there)."""
    from transpiler import TranspileError
    with pytest.raises(TranspileError) as exc:
        convert(source)
    found = [(d.code, d.line) for d in exc.value.diagnostics]
    assert (code, line) in found, found


def test_dispatched_with_python_values_too():
    from differential import Py, check_tf2
    code = check_tf2(LIFTED, "f", [(Py(3),), (Py(1),), (Py(-2),), (3,)])  # Python ints take the Python paths
    assert "did_return, return_value = cond(" in code
