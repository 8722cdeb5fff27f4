import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    i = tf.constant(0)
    s = tf.constant(0)
    # line 8: while i < n:
    def loop_cond(i, s):
        return i < n
    def loop_body(i, s):
        s += i
        i += 1
        return i, s
    i, s = tf.while_loop(loop_cond, loop_body, (i, s))
    return s
