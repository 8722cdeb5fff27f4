import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 10:
    def if_true():
        r = 3
        return r
    def if_false():
        # line 8: elif x > 0:
        def if_true():
            r = 2
            return r
        def if_false():
            # line 10: elif x > -10:
            def if_true():
                r = 1
                return r
            def if_false():
                r = 0
                return r
            r = tf.cond(x > -10, if_true, if_false)
            return r
        r = tf.cond(x > 0, if_true, if_false)
        return r
    r = tf.cond(x > 10, if_true, if_false)
    return r
