import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    y = x
    # line 7: if x > 0:
    def if_true(y):
        y = y * 10
        return y
    y = tf.cond(x > 0, lambda: if_true(y), lambda: y)
    return y
