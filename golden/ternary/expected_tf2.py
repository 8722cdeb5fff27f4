import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    return tf.cond(x > 0, lambda: x * 2, lambda: x - 1)
