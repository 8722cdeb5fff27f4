import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    i = -1
    # line 7: for i in tf.range(n):
    i_index = tf.zeros_like(n)
    def loop_cond(i, i_index):
        return i_index < n
    def loop_body(i, i_index):
        i = i_index
        pass
        i_index += 1
        return i, i_index
    i, i_index = tf.while_loop(loop_cond, loop_body, (i, i_index))
    return i
