import tensorflow as tf


def clip(x):
    # line 5: if x > 10:
    x = tf.cond(x > 10, lambda: tf.constant(10), lambda: x)
    return x

@tf.function(autograph=False)
def f(x):
    return clip(x) + 1
