import tensorflow as tf


@tf.function
def f(v, i):
    ok = i < tf.shape(v)[0] and v[i] > 0
    return tf.cast(ok, tf.int32)
