import tensorflow as tf


@tf.function(autograph=False)
def f(x, n):
    # line 6: for _ in range(n):
    index = tf.zeros_like(n)
    def loop_cond(x, index):
        return index < n
    def loop_body(x, index):
        x = x * 2.0
        index += 1
        return x, index
    x, index = tf.while_loop(loop_cond, loop_body, (x, index))
    return x
