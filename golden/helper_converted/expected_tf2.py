import tensorflow as tf


def clip(x):
    # line 5: if x > 10:
    def if_true():
        x = tf.constant(10)
        return x
    x = tf.cond(x > 10, if_true, lambda: x)
    return x

@tf.function(autograph=False)
def f(x):
    return clip(x) + 1
