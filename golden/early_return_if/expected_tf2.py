import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 0:
    def if_true():
        return x * 2
    def if_false():
        return -x
    return tf.cond(x > 0, if_true, if_false)
