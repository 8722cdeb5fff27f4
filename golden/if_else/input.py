import tensorflow as tf


@tf.function
def f(x):
    if x > 0:
        y = x * 2
    else:
        y = -x
    return y
