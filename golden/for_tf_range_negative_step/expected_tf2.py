import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    s = 0
    # line 7: for i in tf.range(n, 0, -1):
    i = n
    def loop_cond(i, s):
        return i > 0
    def loop_body(i, s):
        s = s * 10 + i
        i += -1
        return i, s
    i, s = tf.while_loop(loop_cond, loop_body, (i, s))
    return s
