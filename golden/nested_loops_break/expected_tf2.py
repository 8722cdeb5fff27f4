import tensorflow as tf


@tf.function(autograph=False)
def f(n):
    count = 0
    # line 7: for i in tf.range(n):
    i = tf.zeros_like(n)
    def loop_cond(count, i):
        return i < n
    def loop_body(count, i):
        j = 0
        did_break = False
        # line 9: while j < n:
        def loop_cond(count, j, did_break):
            return tf.logical_and(tf.logical_not(did_break), j < n)
        def loop_body(count, j, did_break):
            # line 10: if j > i:
            def if_true():
                did_break = True
                return count, j, did_break
            def if_false(count, j):
                count += 1
                j += 1
                return count, j, did_break
            count, j, did_break = tf.cond(j > i, if_true, lambda: if_false(count, j))
            return count, j, did_break
        count, j, did_break = tf.while_loop(loop_cond, loop_body, (count, j, did_break))
        i += 1
        return count, i
    count, i = tf.while_loop(loop_cond, loop_body, (count, i))
    return count
