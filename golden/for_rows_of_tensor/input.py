import tensorflow as tf


@tf.function
def f(m):
    total = tf.zeros([3])
    for row in m:
        total += row
    return total
