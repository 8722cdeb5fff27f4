import tensorflow as tf


@tf.function(autograph=False)
def sign(x):
    # line 6: if x > 0:
    def if_false():
        # line 8: elif x < 0:
        return tf.cond(x < 0, lambda: -1, lambda: 0)
    return tf.cond(x > 0, lambda: 1, if_false)
