import tensorflow as tf


@tf.function
def f(a, b):
    s = 0
    for i in tf.range(a, b, 3):
        s += i
    return s
