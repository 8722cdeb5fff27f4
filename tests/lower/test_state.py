"""State that is not a plain name defined before the construct (issue 13): the cases the
corpus cannot express (errors at run time, refusals)."""
import textwrap

import pytest
import tensorflow as tf

from differential import call, load
from transpiler import TranspileError, transpile

FIRST_ASSIGNED = textwrap.dedent("""
    import tensorflow as tf

    @tf.function
    def f(n):
        i = tf.constant(0)
        while i < n:
            i = n + 1
            j = i + 1
        return i, j
""")


def test_zero_trip_loop_then_first_assigned_name_is_an_error_like_eager():
    with pytest.raises(UnboundLocalError):
        call(load(FIRST_ASSIGNED), "f", (-1,), eager=True)
    for target in ("tf2", "tf1"):
        module = load(transpile(FIRST_ASSIGNED, target=target))
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"line 7: `j` first assigned in this "
                           r"tensor loop and used after it, but the loop ran zero times"):
            module.f(-1) if target == "tf1" else call(module, "f", (-1,))
        assert list(module.f(3) if target == "tf1" else call(module, "f", (3,))) == [4, 5]


def errors(src):
    with pytest.raises(TranspileError) as exc:
        transpile("import tensorflow as tf\n" + textwrap.dedent(src))
    return [(d.code, d.line) for d in exc.value.diagnostics]


def test_first_value_read_in_the_body_stays_agx202():
    assert errors("""
        @tf.function
        def f(n):
            for i in tf.range(n):
                total = total + i
            return total
    """) == [("AGX202", 5)]


def test_assigned_on_some_paths_only_stays_agx202():
    assert errors("""
        @tf.function
        def f(n):
            for i in tf.range(n):
                if i > 2:
                    last = i
            return last
    """) == [("AGX202", 5)]


def test_key_added_to_an_empty_dict_in_a_tensor_loop_stays_agx205():
    assert errors("""
        @tf.function
        def f(n):
            d = {}
            for i in tf.range(n):
                d["k"] = i
            return d
    """) == [("AGX205", 7)]
