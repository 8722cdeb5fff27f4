import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


def logical_and(a, b):
    """`a and b`: tf.logical_and when `a` is a Tensor, Python `and` otherwise."""
    return tf.logical_and(a, b) if tf.is_tensor(a) else a and b


def logical_or(a, b):
    """`a or b`: tf.logical_or when `a` is a Tensor, Python `or` otherwise."""
    return tf.logical_or(a, b) if tf.is_tensor(a) else a or b


def logical_not(a):
    """`not a`: tf.logical_not of a Tensor, Python `not` otherwise."""
    return tf.logical_not(a) if tf.is_tensor(a) else not a


@tf.function(autograph=False)
def f(x, y):
    # line 6: if x > 0 and y > 0 or not x < 10:
    r = cond(
        logical_or(logical_and(x > 0, y > 0), logical_not(x < 10)), lambda: 1, lambda: 0
    )
    return r
