import tensorflow as tf


@tf.function(autograph=False)
def until(ds: tf.data.Dataset, limit):
    # a `break` in a loop over a dataset: a tf.while_loop over get_next_as_optional()
    total = tf.constant(0, tf.int64)
    # line 8: for x in ds:
    ds_iterator = iter(ds)
    has_next = True
    did_break = False
    # line 8: while `ds_iterator` has a next element
    def loop_cond(total, has_next, did_break):
        return tf.logical_and(tf.logical_not(did_break), has_next)
    def loop_body(total, has_next, did_break):
        next_x = ds_iterator.get_next_as_optional()
        has_next = next_x.has_value()
        # line 8: the body of the `for`, when there is one
        def if_true():
            x = next_x.get_value()
            # line 9: if total + x > limit:
            def if_true():
                did_break = True
                return total, did_break
            def if_false(total):
                total += x
                return total, did_break
            return tf.cond(total + x > limit, if_true, lambda: if_false(total))
        total, did_break = tf.cond(has_next, if_true, lambda: (total, did_break))
        return total, has_next, did_break
    total, has_next, did_break = tf.while_loop(
        loop_cond, loop_body, (total, has_next, did_break)
    )
    return total
