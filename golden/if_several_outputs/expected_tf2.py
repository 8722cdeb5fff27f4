import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    a = x
    b = x + 1
    unused = 0
    # line 9: if x > 0:
    def if_true(a, b):
        a = a * 2
        b = b * 3
        tmp = a + b
        unused = tmp
        return a, b
    def if_false(a):
        a = a - 1
        return a, b
    a, b = tf.cond(x > 0, lambda: if_true(a, b), lambda: if_false(a))
    return a + b
