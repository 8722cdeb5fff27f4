import tensorflow as tf


@tf.function(autograph=False)
def f(x, n):
    out = tf.TensorArray(tf.convert_to_tensor(x).dtype, size=0, dynamic_size=True)
    # line 7: for i in tf.range(n):
    i = tf.zeros_like(n)
    def loop_cond(out, i):
        return i < n
    def loop_body(out, i):
        out = out.write(out.size(), x * tf.cast(i, tf.float32))
        i += 1
        return out, i
    out, i = tf.while_loop(loop_cond, loop_body, (out, i))
    return tf.cond(out.size() > 0, out.stack, lambda: tf.zeros([0], out.dtype))
