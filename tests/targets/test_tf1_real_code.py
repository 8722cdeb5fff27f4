"""The tf1 target on patterns of real code (issue 13): each works, never a run-time crash."""
import textwrap

import numpy as np
import tensorflow as tf

from differential import call, load
from transpiler import transpile


def test_tensor_or_array_for_a_python_default_is_baked_in_by_value():
    src = textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def f(x, scale=2):
            if x > 0:
                x = x * scale
            return x
    """)
    runner, original = load(transpile(src, target="tf1")), load(src)
    for scale in (tf.constant(5.0), np.float32(4), np.array([1.0, 2.0], np.float32), [1.0, 2.0], 3.0):
        expected = call(original, "f", (3.0, scale if not isinstance(scale, list) else np.array(scale, np.float32)),
                        eager=True)
        assert np.array_equal(runner.f(3.0, scale), expected)
    assert runner.f(-1.0) == -1.0


def test_seed_parameter_stays_a_python_value():
    src = textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def noisy(x, seed):
            tf.random.set_seed(seed)
            return x + tf.random.uniform([2], seed=seed) * 0.0
    """)
    code = transpile(src, target="tf1")
    assert "(x_spec, seed)" in code
    assert list(load(code).noisy(1.0, 7)) == [1.0, 1.0]


def test_a_runner_given_what_no_placeholder_can_take_says_so():
    """An unannotated parameter is fed to a placeholder: a dataset, an iterator or a tuple
    of differently shaped Tensors passed there is a TypeError naming the way out, not
    TensorFlow's conversion error from inside the runtime."""
    import pytest
    src = textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def total(xs):
            s = tf.constant(0, tf.int64)
            for x in xs:
                s += x
            return s
    """)
    runner = load(transpile(src, target="tf1"))
    assert runner.total(np.array([1, 2, 3], np.int64)) == 6
    for bad, what in ((tf.data.Dataset.range(3), "cannot be fed"), (iter(tf.data.Dataset.range(3)), "cannot be fed"),
                      ((tf.constant([1, 2], tf.int64), tf.constant(3, tf.int64)), "is not one array")):
        with pytest.raises(TypeError, match=f"a TF1 graph takes each argument through .*{what}.*--target tf2"):
            runner.total(bad)
