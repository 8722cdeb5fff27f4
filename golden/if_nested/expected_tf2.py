import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


@tf.function(autograph=False)
def f(x, y):
    z = 0.0
    # line 7: if x > 0:
    def if_true():
        # line 8: if y > 0:
        z = cond(y > 0, lambda: x + y, lambda: x - y)
        z = z * 2.0
        return z
    z = cond(x > 0, if_true, lambda: z)
    return z
