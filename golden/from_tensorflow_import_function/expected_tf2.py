import tensorflow as tf
from tensorflow import function


@function(autograph=False)
def f(x, y):
    # line 7: if x > y:
    m = tf.cond(x > y, lambda: x, lambda: y)
    return m
