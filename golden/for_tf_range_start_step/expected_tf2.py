import tensorflow as tf


@tf.function(autograph=False)
def f(a, b):
    s = 0
    # line 7: for i in tf.range(a, b, 3):
    i = a
    def loop_cond(s, i):
        return i < b
    def loop_body(s, i):
        s += i
        i += 3
        return s, i
    s, i = tf.while_loop(loop_cond, loop_body, (s, i))
    return s
