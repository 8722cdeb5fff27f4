import tensorflow as tf


@tf.function(autograph=False)
def f(v, limit):
    s = 0.0
    did_break = False
    # line 7: for x in v:
    loop_limit = tf.shape(v)[0]
    x_index = 0
    def loop_cond(s, did_break, x_index):
        return tf.logical_and(tf.logical_not(did_break), x_index < loop_limit)
    def loop_body(s, did_break, x_index):
        x = v[x_index]
        # line 8: if x < 0:
        def if_false():
            # line 10: if s + x > limit:
            def if_true():
                did_break = True
                return s, did_break
            def if_false(s):
                s += x
                return s, did_break
            return tf.cond(s + x > limit, if_true, lambda: if_false(s))
        s, did_break = tf.cond(x < 0, lambda: (s, did_break), if_false)
        x_index += 1
        return s, did_break, x_index
    s, did_break, x_index = tf.while_loop(loop_cond, loop_body, (s, did_break, x_index))
    return s
