import tensorflow as tf


@tf.function(autograph=False)
def f(x, y):
    # line 6: if x > 0:
    def if_true():
        # line 7: if y > 0:
        def if_false(y):
            y = y * 2
            z = x - y
            return z
        return tf.cond(y > 0, lambda: x + y, lambda: if_false(y))
    return tf.cond(x > 0, if_true, lambda: x - y)
