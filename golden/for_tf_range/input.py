import tensorflow as tf


@tf.function
def f(n):
    s = 0
    for i in tf.range(n):
        s += i
    return s
