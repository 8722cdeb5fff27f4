import tensorflow as tf


@tf.function(autograph=False)
def f(x, n):
    # line 6: if n > 0:
    def if_true(x):
        i = 0
        # line 8: while i < n:
        def loop_cond(x, i):
            return i < n
        def loop_body(x, i):
            x = x * 2
            i += 1
            return x, i
        x, i = tf.while_loop(loop_cond, loop_body, (x, i))
        return x
    x = tf.cond(n > 0, lambda: if_true(x), lambda: -x)
    return x
