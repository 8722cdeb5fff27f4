import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


@tf.function(autograph=False)
def first_negative(v):
    did_return = False
    return_value = -1
    # line 6: for i in tf.range(tf.shape(v)[0]):
    loop_limit = tf.shape(v)[0]
    i = 0
    def loop_cond(did_return, return_value, i):
        return tf.logical_and(tf.logical_not(did_return), i < loop_limit)
    def loop_body(did_return, return_value, i):
        # line 7: if v[i] < 0:
        def if_true():
            return_value = i
            did_return = True
            return did_return, return_value
        did_return, return_value = cond(
            v[i] < 0, if_true, lambda: (did_return, return_value)
        )
        i += 1
        return did_return, return_value, i
    did_return, return_value, i = tf.while_loop(
        loop_cond, loop_body, (did_return, return_value, i)
    )
    # line 6: return the value set by an early `return` in the loop
    return tf.cond(did_return, lambda: return_value, lambda: -1)
