import tensorflow as tf


@tf.function
def f(n):
    i = tf.constant(0)
    s = tf.constant(0)
    while i < n:
        s += i
        i += 1
    return s
