import tensorflow as tf


@tf.function
def f(x):
    while (y := x * 2) < 100:
        x = y
    return x
