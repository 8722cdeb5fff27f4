import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 0:
    def if_true():
        tf.print("positive", x)
        return x + 1
    def if_false():
        tf.print("not positive", x)
        return x - 1
    y = tf.cond(x > 0, if_true, if_false)
    return y
