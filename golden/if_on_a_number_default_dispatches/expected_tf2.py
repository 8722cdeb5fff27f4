import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


@tf.function(autograph=False)
def f(x, scale=2):
    # `scale` defaults to a Python number, but a caller may pass a Tensor: the `if` dispatches
    # line 7: if scale > 1:
    x = cond(scale > 1, lambda: x * scale, lambda: x)
    return x


@tf.function(autograph=False)
def g(x, training=False):
    # a bool default is a flag: the `if` stays Python
    if training:
        x = x * 0.5
    return x
