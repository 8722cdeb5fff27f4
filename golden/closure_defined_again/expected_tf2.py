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
def f(n):
    i = 0
    s = 0
    i_via_closure = lambda: i + 2
    # line 9: while i < n:
    def loop_cond(i, s):
        return i < n
    def loop_body(i, s):
        # line 8: `i_via_closure` again, reading this function's `i`
        i_via_closure = lambda: i + 2
        s = s * 10 + i_via_closure()
        i += 1
        return i, s
    i, s = while_loop(loop_cond, loop_body, (i, s))
    return s


def digits(n):
    i = 0
    s = 0
    def i_via_closure():
        return i + 2
    # line 20: while i < n:
    def loop_cond(i, s):
        return i < n
    def loop_body(i, s):
        # line 18: `i_via_closure` again, reading this function's `i`
        def i_via_closure():
            return i + 2
        s = s * 10 + i_via_closure()
        i += 1
        return i, s
    i, s = while_loop(loop_cond, loop_body, (i, s))
    return s


@tf.function(autograph=False)
def g(x, n):
    # line 28: if x > 0:
    x = cond(x > 0, lambda: x * 2, lambda: x)
    return x + digits(n)
