import tensorflow as tf


@tf.function
def f(v):
    s = 0.0
    for i, x in enumerate(v):
        s += tf.cast(i, tf.float32) * x
    return s
