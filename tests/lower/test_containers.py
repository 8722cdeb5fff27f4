"""Python containers mutated inside lowered control flow are refused (AGX205, AGX212), not traced wrong."""
import textwrap

import pytest

from transpiler import TranspileError, transpile

import functools
transpile = functools.partial(transpile, strict=True)  # refusals raise (the tests are about them)


def errors(src):
    with pytest.raises(TranspileError) as exc:
        transpile("import tensorflow as tf\n" + textwrap.dedent(src), strict=True)
    return [(d.code, d.line) for d in exc.value.diagnostics]


def test_dict_store_in_tensor_if():
    assert errors("""
        @tf.function
        def f(x):
            seen = {}
            if x > 0:
                seen["pos"] = x
            else:
                seen["pos"] = -x
            return x
    """) == [("AGX205", 7), ("AGX205", 9)]


@pytest.mark.parametrize("branch, store, line", [
    ("if", 'x["b"] = 1', 7), ("else", 'x["b"] = 1', 9),
    ("if", 'x["a"]["b"] = 1', 7), ("else", 'x["a"]["b"] = 1', 9)])
def test_item_added_in_one_branch_is_an_imbalance(branch, store, line):
    """AutoGraph's `if_imbalanced` family: a located AGX212, never a dict with the key on both paths."""
    init = 'x = {"a": {"a": a}}' if '["a"][' in store else 'x = {"a": a}'
    body, orelse = (store, "pass") if branch == "if" else ("pass", store)
    got = errors(f"""
        @tf.function
        def f(a):
            {init}
            if a > 0:
                {body}
            else:
                {orelse}
            return x
    """)
    assert got == [("AGX212", line)]


def test_pop_of_a_list_not_made_from_a_literal_is_refused():
    """Was a wrong value: a mutating call inside an expression ran once while tracing (the
    literal-list `l.pop()` itself is converted: popped.py, corpus case list_pop_in_tensor_loop)."""
    assert errors("""
        @tf.function
        def f(n):
            l = [1, 2, 3, 4]
            s = 0
            for _ in range(n):
                s += l.pop(0)
            return tf.stack(l), s
    """) == [("AGX205", 8)]


def test_nested_item_store_in_a_local_container_is_loop_state():
    assert "while_loop" in transpile("import tensorflow as tf\n" + textwrap.dedent("""
        @tf.function
        def f(n):
            x = {"a": {"a": 0}}
            for i in tf.range(n):
                x["a"]["a"] += i
            return x
    """))  # containers as state (lower/item_state.py), no AGX205; values: corpus_state.py


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
