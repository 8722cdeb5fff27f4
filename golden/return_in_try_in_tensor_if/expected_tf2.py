import tensorflow as tf


@tf.function(autograph=False)
def f(x: tf.Tensor):
    y = x
    did_return = False
    return_value = y
    # line 7: if x > 0:
    def if_true(y, did_return, return_value):
        try:
            y = y + 1
            # line 10: if y > 3:
            def if_true():
                return_value = y * 10
                did_return = True
                return did_return, return_value
            did_return, return_value = tf.cond(
                y > 3, if_true, lambda: (did_return, return_value)
            )
        finally:
            y = y + 100
        # line 8: return from the `try` above
        return tf.cond(did_return, lambda: return_value, lambda: y)
    return tf.cond(x > 0, lambda: if_true(y, did_return, return_value), lambda: y)
