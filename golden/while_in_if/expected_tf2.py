import tensorflow as tf


@tf.function(autograph=False)
def f(x, n):
    # line 6: if n > 0:
    def if_true(x):
        i = 0
        # line 8: while i < n:
        def loop_cond(i, x):
            return i < n
        def loop_body(i, x):
            x = x * 2
            i += 1
            return i, x
        i, x = tf.while_loop(loop_cond, loop_body, (i, x))
        return x
    x = tf.cond(n > 0, lambda: if_true(x), lambda: -x)
    return x
