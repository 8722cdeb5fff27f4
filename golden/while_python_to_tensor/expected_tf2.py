import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
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
    total = 0
    # line 8: while i < n:
    def loop_cond(i, total):
        return i < n
    def loop_body(i, total):
        total += i * i
        i += 1
        return i, total
    i, total = while_loop(loop_cond, loop_body, (i, total))
    return total
