import tensorflow as tf


@tf.function(autograph=False)
def sign(x):
    # line 6: if x > 0:
    def if_true():
        return 1
    def if_false():
        # line 8: elif x < 0:
        def if_true():
            return -1
        def if_false():
            return 0
        return tf.cond(x < 0, if_true, if_false)
    return tf.cond(x > 0, if_true, if_false)
