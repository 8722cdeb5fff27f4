import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    tf.debugging.Assert(x >= 0, ['x must be non-negative'])
    return tf.sqrt(x)
