import tensorflow as tf


@tf.function(
    input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)],
    reduce_retracing=True,
    autograph=False,
)
def norm1(v):
    s = tf.constant(0.0)
    # line 7: for x in v:
    loop_limit = tf.shape(v)[0]
    x_index = 0
    def loop_cond(s, x_index):
        return x_index < loop_limit
    def loop_body(s, x_index):
        x = v[x_index]
        s += tf.abs(x)
        x_index += 1
        return s, x_index
    s, x_index = tf.while_loop(loop_cond, loop_body, (s, x_index))
    return s
