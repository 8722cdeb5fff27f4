import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    steps = 0
    # line 7: while x != 1:
    def loop_cond(x, steps):
        return x != 1
    def loop_body(x, steps):
        # line 8: if x % 2 == 0:
        x = tf.cond(x % 2 == 0, lambda: x // 2, lambda: 3 * x + 1)
        steps += 1
        return x, steps
    x, steps = tf.while_loop(loop_cond, loop_body, (x, steps))
    return steps
