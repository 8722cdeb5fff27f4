import tensorflow as tf


@tf.function
def f(x):
    y = x
    if x > 0:
        y = y * 10
    return y
