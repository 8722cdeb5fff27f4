import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    i = 0
    did_return = False
    return_value = -1
    # line 7: while i < 100:
    def loop_cond(i, did_return, return_value):
        return tf.logical_and(tf.logical_not(did_return), i < 100)
    def loop_body(i, did_return, return_value):
        # line 8: if i * i >= x:
        def if_true():
            return_value = i * 10
            did_return = True
            return i, did_return, return_value
        def if_false(i):
            i += 1
            return i, did_return, return_value
        i, did_return, return_value = tf.cond(i * i >= x, if_true, lambda: if_false(i))
        return i, did_return, return_value
    i, did_return, return_value = tf.while_loop(
        loop_cond, loop_body, (i, did_return, return_value)
    )
    # line 7: return the value set by an early `return` in the loop
    return tf.cond(did_return, lambda: return_value, lambda: -1)
