import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    s = 0
    # line 7: for i in tf.range(n):
    i = tf.zeros_like(n)
    def loop_cond(s, i):
        return i < n
    def loop_body(s, i):
        # line 8: if i % 2 == 0:
        def if_false(s):
            s += i
            return s
        s = tf.cond(i % 2 == 0, lambda: s, lambda: if_false(s))
        i += 1
        return s, i
    s, i = tf.while_loop(loop_cond, loop_body, (s, i))
    return s
