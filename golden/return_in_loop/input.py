import tensorflow as tf


@tf.function
def first_negative(v):
    for i in tf.range(tf.shape(v)[0]):
        if v[i] < 0:
            return i
    return -1
