import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 0:
    y = tf.cond(x > 0, lambda: x * 2, lambda: -x)
    return y
