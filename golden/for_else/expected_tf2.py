import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


@tf.function(autograph=False)
def f(v, target):
    where = -1
    did_break = False
    # line 7: for i in tf.range(tf.shape(v)[0]):
    loop_limit = tf.shape(v)[0]
    i = 0
    def loop_cond(where, did_break, i):
        return tf.logical_and(tf.logical_not(did_break), i < loop_limit)
    def loop_body(where, did_break, i):
        # line 8: if v[i] == target:
        def if_true():
            where = i
            did_break = True
            return where, did_break
        where, did_break = cond(v[i] == target, if_true, lambda: (where, did_break))
        i += 1
        return where, did_break, i
    where, did_break, i = tf.while_loop(loop_cond, loop_body, (where, did_break, i))
    # line 12: where = -2
    where = tf.cond(tf.logical_not(did_break), lambda: -2, lambda: where)
    return where
