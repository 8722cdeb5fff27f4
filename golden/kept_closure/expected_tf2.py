import tensorflow as tf


# agx: kept as written, AutoGraph converts it when traced (AGX211: `Callable` reads `i`, which the tensor loop rebinds: called in or after it, the closure would see the value `i` had before the loop)
@tf.function
def f(n):
    i = 0
    class Callable(object):
        def __call__(self):
            return i + 2
    i_via_closure = Callable()
    s = 0
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


@tf.function(autograph=False)
def g(x, n):
    # line 20: if x > 0:
    x = cond(x > 0, lambda: x * 2, lambda: x)
    return x + n
