import tensorflow as tf


@tf.function
def f(x):
    a = x
    b = x + 1
    unused = 0
    if x > 0:
        a = a * 2
        b = b * 3
        tmp = a + b
        unused = tmp
    else:
        a = a - 1
    return a + b
