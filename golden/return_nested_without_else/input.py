import tensorflow as tf


@tf.function
def f(x, y):
    if x > 0:
        if y > 0:
            return x + y
        y = y * 2
    z = x - y
    return z
