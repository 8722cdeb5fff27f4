import tensorflow as tf


@tf.function
def f(x):
    for w in [1.0, 2.0, 0.5]:
        x = x * w
    return x
