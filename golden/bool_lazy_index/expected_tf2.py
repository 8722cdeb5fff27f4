import tensorflow as tf


@tf.function(autograph=False)
def f(v, i):
    ok = tf.cond(i < tf.shape(v)[0], lambda: v[i] > 0, lambda: False)
    return tf.cast(ok, tf.int32)
