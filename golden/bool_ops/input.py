import tensorflow as tf


@tf.function
def f(x, y):
    if x > 0 and y > 0 or not x < 10:
        r = 1
    else:
        r = 0
    return r
