import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)], reduce_retracing=True)
def norm1(v):
    s = tf.constant(0.0)
    for x in v:
        s += tf.abs(x)
    return s
