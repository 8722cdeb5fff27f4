import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


def while_loop(test_fn, body_fn, loop_vars, **options):
    """`while test_fn(*loop_vars):` as a Python loop while the test is a Python
    value, as tf.while_loop (from the current values, with `options`: set_loop_options)
    once it is a Tensor."""
    test = test_fn(*loop_vars)
    while not tf.is_tensor(test):
        if not test:
            return loop_vars
        loop_vars = body_fn(*loop_vars)
        test = test_fn(*loop_vars)
    return tf.while_loop(lambda *v: tf.cast(test_fn(*v), tf.bool), body_fn, loop_vars, **options)


@tf.function(autograph=False)
def f(x, n):
    # line 6: if n > 0:
    def if_true(x):
        i = 0
        # line 8: while i < n:
        def loop_cond(x, i):
            return i < n
        def loop_body(x, i):
            x = x * 2
            i += 1
            return x, i
        x, i = while_loop(loop_cond, loop_body, (x, i))
        return x
    x = cond(n > 0, lambda: if_true(x), lambda: -x)
    return x
