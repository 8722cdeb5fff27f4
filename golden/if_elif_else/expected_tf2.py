import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 10:
    def if_false():
        # line 8: elif x > 0:
        def if_false():
            # line 10: elif x > -10:
            r = tf.cond(x > -10, lambda: 1, lambda: 0)
            return r
        return tf.cond(x > 0, lambda: 2, if_false)
    r = tf.cond(x > 10, lambda: 3, if_false)
    return r
