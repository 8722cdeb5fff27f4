import tensorflow as tf


@tf.function
def f(x):
    out = 0
    for k in (1, 2, 3):
        if x > k:
            out += k
    return out
