import tensorflow as tf


@tf.function
def f(x, n):
    for _ in range(n):
        x = x * 2.0
    return x
