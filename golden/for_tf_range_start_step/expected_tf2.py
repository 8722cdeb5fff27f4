import tensorflow as tf


@tf.function(autograph=False)
def f(a, b):
    s = 0
    # line 7: for i in tf.range(a, b, 3):
    i = a
    def loop_cond(i, s):
        return i < b
    def loop_body(i, s):
        s += i
        i += 3
        return i, s
    i, s = tf.while_loop(loop_cond, loop_body, (i, s))
    return s
