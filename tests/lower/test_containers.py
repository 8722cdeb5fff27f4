"""Python containers mutated inside lowered control flow are refused (AGX205), not traced wrong."""
import textwrap

import pytest

from transpiler import TranspileError, transpile


def errors(src):
    with pytest.raises(TranspileError) as exc:
        transpile("import tensorflow as tf\n" + textwrap.dedent(src))
    return [(d.code, d.line) for d in exc.value.diagnostics]


def test_dict_store_in_tensor_if():
    assert errors("""
        @tf.function
        def f(x):
            seen = {}
            if x > 0:
                seen["pos"] = x
            return x
    """) == [("AGX205", 7)]


def test_module_level_list_mutated_in_tensor_loop():
    assert errors("""
        history = []

        @tf.function
        def f(n):
            for i in tf.range(n):
                history.extend([i])
            return n
    """) == [("AGX205", 8)]


def test_python_control_flow_may_mutate_freely():
    out = transpile(textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def f(x):
            names = set()
            for k in range(3):
                names.add(k)
            if len(names) > 2:
                names.discard(0)
            return x
    """))
    assert "names.add(k)" in out and "tf.cond" not in out
