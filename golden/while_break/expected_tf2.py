import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    i = 0
    did_break = False
    # line 7: while i < 10:
    def loop_cond(i, did_break):
        return tf.logical_and(tf.logical_not(did_break), i < 10)
    def loop_body(i, did_break):
        # line 8: if i * i > x:
        def if_true():
            did_break = True
            return i, did_break
        def if_false(i):
            i += 1
            return i, did_break
        i, did_break = tf.cond(i * i > x, if_true, lambda: if_false(i))
        return i, did_break
    i, did_break = tf.while_loop(loop_cond, loop_body, (i, did_break))
    return i
