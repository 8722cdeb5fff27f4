import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 0:
    def if_true():
        tf.print("positive", x)
        y = x + 1
        return y
    def if_false():
        tf.print("not positive", x)
        y = x - 1
        return y
    y = tf.cond(x > 0, if_true, if_false)
    return y
