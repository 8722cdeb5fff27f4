import tensorflow as tf


@tf.function
def f(x):
    return x * 2 if x > 0 else x - 1
