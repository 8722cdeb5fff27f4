import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    n = 0
    did_break = False
    # line 7: while True:
    def loop_cond(x, n, did_break):
        return tf.logical_and(tf.logical_not(did_break), True)
    def loop_body(x, n, did_break):
        x = x // 2
        n += 1
        # line 10: if x == 0:
        did_break = tf.logical_or(did_break, x == 0)
        return x, n, did_break
    x, n, did_break = tf.while_loop(loop_cond, loop_body, (x, n, did_break))
    return n
