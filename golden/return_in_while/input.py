import tensorflow as tf


@tf.function
def f(x):
    i = 0
    while i < 100:
        if i * i >= x:
            return i * 10
        i += 1
    return -1
