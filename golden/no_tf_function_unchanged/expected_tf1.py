"""No tf.function here: agx leaves the file as it is."""
import tensorflow as tf


def f(x):
    if x > 0:
        return x
    return -x
