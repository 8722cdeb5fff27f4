import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    steps = 0
    # line 7: while x != 1:
    def loop_cond(steps, x):
        return x != 1
    def loop_body(steps, x):
        # line 8: if x % 2 == 0:
        def if_true(x):
            x = x // 2
            return x
        def if_false(x):
            x = 3 * x + 1
            return x
        x = tf.cond(x % 2 == 0, lambda: if_true(x), lambda: if_false(x))
        steps += 1
        return steps, x
    steps, x = tf.while_loop(loop_cond, loop_body, (steps, x))
    return steps
