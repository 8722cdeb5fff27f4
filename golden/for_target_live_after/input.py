import tensorflow as tf


@tf.function
def f(n):
    i = -1
    for i in tf.range(n):
        pass
    return i
