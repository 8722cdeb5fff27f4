import tensorflow as tf


@tf.function(autograph=False)
def f(x, y):
    z = 0.0
    # line 7: if x > 0:
    def if_true():
        # line 8: if y > 0:
        z = tf.cond(y > 0, lambda: x + y, lambda: x - y)
        z = z * 2.0
        return z
    z = tf.cond(x > 0, if_true, lambda: z)
    return z
