import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    s = 0
    # line 7: for i in tf.range(n):
    i = tf.zeros_like(n)
    def loop_cond(i, s):
        return i < n
    def loop_body(i, s):
        # line 8: if i % 2 == 0:
        def if_false(s):
            s += i
            return s
        s = tf.cond(i % 2 == 0, lambda: s, lambda: if_false(s))
        i += 1
        return i, s
    i, s = tf.while_loop(loop_cond, loop_body, (i, s))
    return s
