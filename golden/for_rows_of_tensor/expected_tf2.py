import tensorflow as tf


@tf.function(autograph=False)
def f(m):
    total = tf.zeros([3])
    # line 7: for row in m:
    loop_limit = tf.shape(m)[0]
    row_index = 0
    def loop_cond(total, row_index):
        return row_index < loop_limit
    def loop_body(total, row_index):
        row = m[row_index]
        total += row
        row_index += 1
        return total, row_index
    total, row_index = tf.while_loop(loop_cond, loop_body, (total, row_index))
    return total
