import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def assert_(pred, message):
    """`assert pred, message`: tf.debugging.Assert for a Tensor, Python's assert
    otherwise."""
    if tf.is_tensor(pred):
        return tf.debugging.Assert(pred, [message])
    assert pred, message


@tf.function(autograph=False)
def f(x):
    assert_(x >= 0, 'x must be non-negative')
    return tf.sqrt(x)
