import tensorflow as tf


@tf.function(autograph=False)
def clipped_sum(v, limit):
    """Sum the entries of v, stopping at the first one that would pass limit."""
    # running sum
    total = 0.0
    did_break = False
    # walk the vector
    # line 9: for x in v:
    loop_limit = tf.shape(v)[0]
    x_index = 0
    def loop_cond(did_break, total, x_index):
        return tf.logical_and(tf.logical_not(did_break), x_index < loop_limit)
    def loop_body(did_break, total, x_index):
        x = v[x_index]
        # would overflow
        # line 10: if total + x > limit:
        def if_true():
            did_break = True
            return did_break, total
        def if_false(total):
            total += x
            return did_break, total
        did_break, total = tf.cond(total + x > limit, if_true, lambda: if_false(total))
        x_index += 1
        return did_break, total, x_index
    did_break, total, x_index = tf.while_loop(loop_cond, loop_body, (did_break, total, x_index))
    return total
