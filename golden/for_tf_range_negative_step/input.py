import tensorflow as tf


@tf.function
def f(n):
    s = 0
    for i in tf.range(n, 0, -1):
        s = s * 10 + i
    return s
