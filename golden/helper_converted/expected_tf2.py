import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


def clip(x):
    # line 5: if x > 10:
    x = cond(x > 10, lambda: tf.constant(10), lambda: x)
    return x

@tf.function(autograph=False)
def f(x):
    return clip(x) + 1
