import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


@tf.function(autograph=False)
def f(x):
    a = x
    b = x + 1
    unused = 0
    # line 9: if x > 0:
    def if_true(a, b):
        a = a * 2
        b = b * 3
        tmp = a + b
        unused = tmp
        return a, b
    def if_false(a):
        a = a - 1
        return a, b
    a, b = cond(x > 0, lambda: if_true(a, b), lambda: if_false(a))
    return a + b
