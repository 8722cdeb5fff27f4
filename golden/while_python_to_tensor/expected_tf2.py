import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    i = 0
    total = 0
    # line 8: while i < n:
    def loop_cond(i, total):
        return i < n
    def loop_body(i, total):
        total += i * i
        i += 1
        return i, total
    i, total = tf.while_loop(loop_cond, loop_body, (i, total))
    return total
