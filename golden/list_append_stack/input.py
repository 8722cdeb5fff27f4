import tensorflow as tf


@tf.function
def f(x, n):
    out = []
    for i in tf.range(n):
        out.append(x * tf.cast(i, tf.float32))
    return tf.stack(out)
