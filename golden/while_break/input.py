import tensorflow as tf


@tf.function
def f(x):
    i = 0
    while i < 10:
        if i * i > x:
            break
        i += 1
    return i
