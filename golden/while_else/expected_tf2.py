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


def logical_and(a, b):
    """`a and b`: tf.logical_and when `a` is a Tensor, Python `and` otherwise."""
    return tf.logical_and(a, b) if tf.is_tensor(a) else a and b


def logical_not(a):
    """`not a`: tf.logical_not of a Tensor, Python `not` otherwise."""
    return tf.logical_not(a) if tf.is_tensor(a) else not a


@tf.function(autograph=False)
def f(x):
    i = 0
    found = -1
    did_break = False
    # line 8: while i < 5:
    def loop_cond(i, did_break):
        return logical_and(logical_not(did_break), i < 5)
    def loop_body(i, did_break):
        # line 9: if i == x:
        def if_true():
            did_break = True
            return i, did_break
        def if_false(i):
            i += 1
            return i, did_break
        i, did_break = cond(i == x, if_true, lambda: if_false(i))
        return i, did_break
    i, did_break = while_loop(loop_cond, loop_body, (i, did_break))
    # line 13: found = 100
    found = cond(logical_not(did_break), lambda: 100, lambda: found)
    return found + i
