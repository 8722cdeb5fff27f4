import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    s = 0
    # line 7: for i in tf.range(n, 0, -1):
    i = n
    def loop_cond(s, i):
        return i > 0
    def loop_body(s, i):
        s = s * 10 + i
        i += -1
        return s, i
    s, i = tf.while_loop(loop_cond, loop_body, (s, i))
    return s
