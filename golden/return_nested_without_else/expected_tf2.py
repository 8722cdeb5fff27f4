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
    # line 6: if x > 0:
    def if_true():
        # line 7: if y > 0:
        def if_false(y):
            y = y * 2
            z = x - y
            return z
        return cond(y > 0, lambda: x + y, lambda: if_false(y))
    return cond(x > 0, if_true, lambda: x - y)
