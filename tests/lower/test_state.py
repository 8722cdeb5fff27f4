"""State that is not a plain name defined before the construct (issue 13): the cases the
corpus cannot express (errors at run time, refusals)."""
import textwrap

import pytest
import tensorflow as tf

from corpus import BY_ID
from differential import call, load
from transpiler import TranspileError, transpile

import functools
transpile = functools.partial(transpile, strict=True)  # refusals raise (the tests are about them)

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


GROWN_DICT = BY_ID["dict_filled_in_a_tensor_loop"].source


def test_dict_filled_in_a_loop_that_runs_zero_times():
    """Eagerly `y` stays `{}`. A Python loop (a Python `n`) gives `{}` too; a tensor loop
    cannot change its structure after it ran, so it raises (as AutoGraph does), never `{"a": 0}`."""
    assert call(load(GROWN_DICT), "f", (tf.constant(0), 0), eager=True) == {}
    module = load(transpile(GROWN_DICT))
    assert module.f(0, 0) == {}
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"line 7: the items of `y` first assigned "
                       r"in this tensor loop and used after it, but the loop ran zero times"):
        module.f(tf.constant(0), 0)
    assert int(module.f(tf.constant(3), 1)["a"]) == -2


def test_dict_read_or_filled_under_an_if_in_a_tensor_loop_stays_refused():
    assert errors("""
        @tf.function
        def f(n, x):
            y = {}
            for i in tf.range(n):
                y["a"] = y.get("a", 0) + x
            return y
    """) == [("AGX205", 7)]
    assert [c for c, _ in errors("""
        @tf.function
        def f(n, x):
            y = {}
            for i in tf.range(n):
                if i > 1:
                    y["a"] = x
            return y
    """)] in (["AGX205"], ["AGX214"])
    # over a method that is not Python's or TensorFlow's range: the dispatched `for_loop`
    # form, which a first trace does not fill (kept refused, never a trace-time crash)
    assert [c for c, _ in errors("""
        @tf.function
        def f(n, x, obj):
            y = {}
            for i in obj.range(n):
                y["a"] = x
            return y
    """)] == ["AGX205"]


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


def test_key_added_to_an_empty_dict_in_a_tensor_loop_is_initialised_from_a_first_trace():
    """Was AGX205; AutoGraph's reference tests run it (for a loop that runs at least once)."""
    module = load(transpile(textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def f(n):
            d = {}
            for i in tf.range(n):
                d["k"] = i
            return d
    """)))
    assert int(module.f(tf.constant(3))["k"]) == 2


def test_growing_loop_variable_without_invariant_is_agx303_with_the_set_loop_options_line():
    with pytest.raises(TranspileError) as exc:
        transpile("import tensorflow as tf\n" + textwrap.dedent("""
            @tf.function
            def f(n):
                v = tf.constant((0,))
                for i in tf.range(n):
                    v = tf.concat((v, [i]), 0)
                return v
        """))
    (d,) = exc.value.diagnostics
    assert (d.code, d.line) == ("AGX303", 7)
    assert "set_loop_options(shape_invariants=[(v, tf.TensorShape([None]))])" in d.help


@pytest.mark.parametrize("call, phrase", [
    ("tf.autograph.experimental.set_loop_options(3)", "keyword arguments only"),
    ("tf.autograph.experimental.set_loop_options(shape_invariants=v)", "pairs"),
    ("tf.autograph.experimental.set_loop_options(unroll=2)", "no option `unroll`"),
    ("if i > 0:\n                        tf.autograph.experimental.set_loop_options(maximum_iterations=2)",
     "statement of the loop body"),
])
def test_bad_set_loop_options_is_agx111(call, phrase):
    with pytest.raises(TranspileError) as exc:
        transpile("import tensorflow as tf\n" + textwrap.dedent(f"""
            @tf.function
            def f(n):
                v = tf.constant(0)
                for i in tf.range(n):
                    {call}
                    v += i
                return v
        """))
    assert [d.code for d in exc.value.diagnostics] == ["AGX112"]
    assert phrase in exc.value.diagnostics[0].message


def test_maximum_iterations_caps_the_loop_as_under_autograph():
    """Eagerly set_loop_options does nothing; staged (AutoGraph, agx) the loop stops at 3."""
    src = textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def f(n):
            s = tf.constant(0)
            for i in tf.range(n):
                tf.autograph.experimental.set_loop_options(maximum_iterations=3)
                s += 1
            return s
    """)
    assert call(load(src), "f", (10,)) == 3  # AutoGraph
    assert call(load(transpile(src)), "f", (10,)) == 3
    assert load(transpile(src, target="tf1")).f(10) == 3


def test_module_level_tf_function_of_a_file_function_is_converted():
    src = textwrap.dedent("""
        import tensorflow as tf

        def relu(x):
            if x > 0:
                return x
            return tf.zeros_like(x)

        g = tf.function(relu)
    """)
    out = transpile(src)
    assert "cond(x > 0" in out and "g = tf.function(relu)" in out  # `x` unannotated: dispatched
    module = load(out)
    for x in (2.0, -3.0):
        assert call(module, "g", (x,)) == call(load(src), "relu", (x,), eager=True)


def test_item_state_of_an_aliased_container_or_a_parameter_is_agx205():
    """Item assignment as graph state changes a copy: an alias or the caller would keep the
    old items (eager: `q[0]` is 13), so it is refused, never silently different."""
    assert errors("""
        @tf.function
        def f(n):
            pair = [tf.constant(1), tf.constant(1)]
            q = pair
            for _ in tf.range(n):
                pair[0], pair[1] = pair[1], pair[0] + pair[1]
            return q[0]
    """) == [("AGX205", 8)]
    assert errors("""
        @tf.function
        def g(d, x):
            if x > 0:
                d["a"] = x
            return x
    """) == [("AGX205", 6)]


def test_dict_and_name_first_assigned_by_a_python_loop_that_runs_zero_times():
    """The dict is `{}` again, but the name is unbound in eager Python: the output raises
    (the assert), it does not return zeros for it."""
    module = load(transpile(textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def f(n, x):
            y = {}
            for i in range(n):
                z = x + 1
                y["a"] = z
            return y, z
    """)))
    with pytest.raises(tf.errors.InvalidArgumentError, match="`z`"):
        module.f(0, 1)
    y, z = module.f(2, 1)
    assert (int(y["a"]), int(z)) == (2, 2)
