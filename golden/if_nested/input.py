import tensorflow as tf


@tf.function
def f(x, y):
    z = 0.0
    if x > 0:
        if y > 0:
            z = x + y
        else:
            z = x - y
        z = z * 2.0
    return z
