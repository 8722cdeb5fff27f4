import tensorflow as tf


@tf.function
def f(x):
    assert x >= 0, "x must be non-negative"
    return tf.sqrt(x)
