import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    i = 0
    found = -1
    did_break = False
    # line 8: while i < 5:
    def loop_cond(i, did_break):
        return tf.logical_and(tf.logical_not(did_break), i < 5)
    def loop_body(i, did_break):
        # line 9: if i == x:
        def if_true():
            did_break = True
            return i, did_break
        def if_false(i):
            i += 1
            return i, did_break
        i, did_break = tf.cond(i == x, if_true, lambda: if_false(i))
        return i, did_break
    i, did_break = tf.while_loop(loop_cond, loop_body, (i, did_break))
    # line 13: found = 100
    found = tf.cond(tf.logical_not(did_break), lambda: 100, lambda: found)
    return found + i
