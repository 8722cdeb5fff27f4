import tensorflow as tf2


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf2.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf2.is_tensor(pred):
        return tf2.cond(tf2.cast(pred, tf2.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


def while_loop(test_fn, body_fn, loop_vars, **options):
    """`while test_fn(*loop_vars):` as a Python loop while the test is a Python
    value, as tf2.while_loop (from the current values, with `options`: set_loop_options)
    once it is a Tensor."""
    test = test_fn(*loop_vars)
    while not tf2.is_tensor(test):
        if not test:
            return loop_vars
        loop_vars = body_fn(*loop_vars)
        test = test_fn(*loop_vars)
    return tf2.while_loop(lambda *v: tf2.cast(test_fn(*v), tf2.bool), body_fn, loop_vars, **options)


@tf2.function(autograph=False)
def f(x):
    # line 6: while x > 1.0:
    def loop_cond(x):
        return x > 1.0
    def loop_body(x):
        x = x / 2.0
        return (x,)
    (x,) = while_loop(loop_cond, loop_body, (x,))
    return cond(x > 0.75, lambda: x, lambda: -x)
