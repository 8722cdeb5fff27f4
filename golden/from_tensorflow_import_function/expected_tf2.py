import tensorflow as tf
from tensorflow import function


@function(autograph=False)
def f(x, y):
    # line 7: if x > y:
    def if_true():
        m = x
        return m
    def if_false():
        m = y
        return m
    m = tf.cond(x > y, if_true, if_false)
    return m
