import tensorflow as tf


@tf.function
def f(x, scale: int = 2):
    if scale > 1:
        x = x * scale
    return x
