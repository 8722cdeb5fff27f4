import tensorflow as tf


@tf.function(autograph=False)
def f(x, n):
    # line 6: for _ in range(n):
    _ = tf.zeros_like(n)
    def loop_cond(_, x):
        return _ < n
    def loop_body(_, x):
        x = x * 2.0
        _ += 1
        return _, x
    _, x = tf.while_loop(loop_cond, loop_body, (_, x))
    return x
