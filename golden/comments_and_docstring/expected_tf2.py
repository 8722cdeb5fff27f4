import tensorflow as tf


@tf.function(autograph=False)
def clipped_sum(v, limit):
    """Sum the entries of v, stopping at the first one that would pass limit."""
    total = 0.0  # running sum
    did_break = False
    # walk the vector
    # line 9: for x in v:
    loop_limit = tf.shape(v)[0]
    x_index = 0
    def loop_cond(total, did_break, x_index):
        return tf.logical_and(tf.logical_not(did_break), x_index < loop_limit)
    def loop_body(total, did_break, x_index):
        x = v[x_index]
        # would overflow
        # line 10: if total + x > limit:
        def if_true():
            did_break = True
            return total, did_break
        def if_false(total):
            total += x
            return total, did_break
        total, did_break = tf.cond(total + x > limit, if_true, lambda: if_false(total))
        x_index += 1
        return total, did_break, x_index
    total, did_break, x_index = tf.while_loop(
        loop_cond, loop_body, (total, did_break, x_index)
    )
    return total
