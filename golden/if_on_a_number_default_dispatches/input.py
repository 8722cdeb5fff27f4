import tensorflow as tf


@tf.function
def f(x, scale=2):
    # `scale` defaults to a Python number, but a caller may pass a Tensor: the `if` dispatches
    if scale > 1:
        x = x * scale
    return x


@tf.function
def g(x, training=False):
    # a bool default is a flag: the `if` stays Python
    if training:
        x = x * 0.5
    return x
