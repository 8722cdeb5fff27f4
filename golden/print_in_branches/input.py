import tensorflow as tf


@tf.function
def f(x):
    if x > 0:
        tf.print("positive", x)
        y = x + 1
    else:
        tf.print("not positive", x)
        y = x - 1
    return y
