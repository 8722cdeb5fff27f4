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


def zeros_like(limit):
    """A loop counter's start: a zero of the limit's dtype for a Tensor, else 0."""
    return tf.zeros_like(limit) if tf.is_tensor(limit) else 0


@tf.function(autograph=False)
def f(x, n):
    # line 6: for _ in range(n):
    index = zeros_like(n)
    def loop_cond(x, index):
        return index < n
    def loop_body(x, index):
        x = x * 2.0
        index += 1
        return x, index
    x, index = while_loop(loop_cond, loop_body, (x, index))
    return x
