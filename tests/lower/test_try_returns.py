"""`return` inside a `try` or `with` in a Tensor `if` (lower/try_returns.py): lowered with a
flag where a simple expression (the final `return`'s, else one the block returns) can
initialise the value; otherwise one located diagnostic.
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


@pytest.mark.parametrize("source, code, line, kept", [
    # neither the final `return` nor the `try`'s is safe to evaluate before the block (an
    # indexing, a gather: they may raise), so nothing gives the value its type
    (H + "@tf.function\ndef f(x):\n    y = x\n    if x > 0:\n        try:\n            if y > 3:\n"
     "                return y[0]\n        finally:\n            y = y + 100\n    return tf.gather(y, 0)\n",
     "AGX105", 7, True),
    # a `return` in a `finally` that does not always return: not lowered, and not kept
    # either (it would swallow the error tracing the kept code raises: AGX114)
    (H + "@tf.function\ndef f(x):\n    y = x\n    if x > 0:\n        try:\n            y = y + 1\n"
     "        finally:\n            if y > 3:\n                return y\n        y = y * 2\n    return y\n",
     "AGX107", 10, False),
])
def test_unsupported_returns_in_try_keep_a_located_diagnostic(source, code, line, kept):
    """Not handed to AutoGraph either (the fuzzer found it returning wrong values from a
    `return` inside a `try`): strict, an error; otherwise a warning, and the function is
    kept as plain Python (`autograph=False`, no to_graph)."""
    from transpiler import TranspileError
    with pytest.raises(TranspileError) as exc:
        convert(source, strict=True)
    found = [(d.code, d.line) for d in exc.value.diagnostics]
    assert (code, line) in found, found
    if not kept:
        with pytest.raises(TranspileError) as exc:
            convert(source)
        assert ("AGX114", 11) in [(d.code, d.line) for d in exc.value.diagnostics]
        return
    result = convert(source)
    assert (code, line) in [(d.code, d.line) for d in result.warnings]
    assert "not converted (autograph=False" in result.code and "@tf.function(autograph=False)\ndef f(x):\n" in result.code


def test_dispatched_with_python_values_too():
    from differential import Py, check_tf2
    code = check_tf2(LIFTED, "f", [(Py(3),), (Py(1),), (Py(-2),), (3,)])  # Python ints take the Python paths
    assert "did_return, return_value = cond(" in code


@pytest.mark.parametrize("block", ["try", "with"])
def test_one_cause_one_diagnostic(block):
    """A `return` in a `try`/`with` that cannot be lowered: AGX105 at the block, and no AGX107
    for the `if` holding the `return` (the README's "one cause, one diagnostic")."""
    from transpiler import TranspileError
    head = "    try:\n" if block == "try" else "    with tf.name_scope('s'):\n"
    tail = "    finally:\n        x = x + 1\n" if block == "try" else ""
    src = (H + "@tf.function\ndef f(x, y):\n" + head + "        if x > 0:\n            return y[0]\n"
           "        x = x - 1\n" + tail + "    return tf.reduce_sum(x, axis=1)\n")  # an axis may be out of range
    with pytest.raises(TranspileError) as exc:
        convert(src, strict=True)
    assert [(d.code, d.line) for d in exc.value.diagnostics] == [("AGX105", 5)]


def test_with_block_returns_are_converted_when_a_simple_value_exists():
    src = (H + "@tf.function\ndef f(x):\n    with tf.name_scope('s'):\n        if x > 0:\n"
           "            return x * 2\n        x = x - 1\n    return tf.reduce_sum(x)\n")
    result = convert(src, strict=True)
    assert "return_value = x * 2" in result.code and "# line 5: return from the `with` above" in result.code


def test_a_tf_call_initialises_the_value_where_no_simple_expression_does():
    """Element-wise ops and whole-tensor reductions (SAFE_CALLS) raise on no numeric value: the
    final `tf.abs(y)` gives `return_value` its type (it was AGX105). Differential:
    corpus_state.py "return_in_try_initialised_from_a_tf_call"."""
    src = (H + "@tf.function\ndef f(x):\n    y = x\n    if x > 0:\n        try:\n            if y > 3:\n"
           "                return tf.square(y)\n        finally:\n            y = y + 100\n"
           "    return tf.cast(tf.abs(y), tf.float32)\n")
    result = convert(src, strict=True)
    assert "return_value = tf.cast(tf.abs(y), tf.float32)" in result.code
