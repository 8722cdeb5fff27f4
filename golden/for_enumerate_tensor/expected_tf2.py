import tensorflow as tf


@tf.function(autograph=False)
def f(v):
    s = 0.0
    # line 7: for i, x in enumerate(v):
    loop_limit = tf.shape(v)[0]
    i_index = 0
    def loop_cond(s, i_index):
        return i_index < loop_limit
    def loop_body(s, i_index):
        i = i_index
        x = v[i_index]
        s += tf.cast(i, tf.float32) * x
        i_index += 1
        return s, i_index
    s, i_index = tf.while_loop(loop_cond, loop_body, (s, i_index))
    return s
