import tensorflow as tf


@tf.function(autograph=False)
def f(x, y):
    # line 6: if x > 0 and y > 0 or not x < 10:
    r = tf.cond(
        tf.logical_or(tf.logical_and(x > 0, y > 0), tf.logical_not(x < 10)),
        lambda: 1,
        lambda: 0,
    )
    return r
