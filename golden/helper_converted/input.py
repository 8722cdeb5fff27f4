import tensorflow as tf


def clip(x):
    if x > 10:
        x = tf.constant(10)
    return x

@tf.function
def f(x):
    return clip(x) + 1
