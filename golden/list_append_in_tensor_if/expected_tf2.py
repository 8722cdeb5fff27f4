import tensorflow as tf


@tf.function(autograph=False)
def f(v):
    kept = tf.TensorArray(v.dtype, size=0, dynamic_size=True)
    # line 7: for x in v:
    loop_limit = tf.shape(v)[0]
    x_index = 0
    def loop_cond(kept, x_index):
        return x_index < loop_limit
    def loop_body(kept, x_index):
        x = v[x_index]
        # line 8: if x > 0:
        kept = tf.cond(x > 0, lambda: kept.write(kept.size(), x * 10), lambda: kept)
        x_index += 1
        return kept, x_index
    kept, x_index = tf.while_loop(loop_cond, loop_body, (kept, x_index))
    return tf.cond(kept.size() > 0, kept.stack, lambda: tf.zeros([0], kept.dtype))
