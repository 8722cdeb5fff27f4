import tensorflow as tf


@tf.function
def f(x):
    if x > 10:
        r = 3
    elif x > 0:
        r = 2
    elif x > -10:
        r = 1
    else:
        r = 0
    return r
