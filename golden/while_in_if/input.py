import tensorflow as tf


@tf.function
def f(x, n):
    if n > 0:
        i = 0
        while i < n:
            x = x * 2
            i += 1
    else:
        x = -x
    return x
