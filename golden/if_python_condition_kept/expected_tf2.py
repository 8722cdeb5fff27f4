import tensorflow as tf


@tf.function(autograph=False)
def f(x, scale: int = 2):
    if scale > 1:
        x = x * scale
    return x
