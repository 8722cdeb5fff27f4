import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    y = x
    # line 7: if x > 0:
    y = tf.cond(x > 0, lambda: y * 10, lambda: y)
    return y
