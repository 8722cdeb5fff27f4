import tensorflow as tf


@tf.function(autograph=False)
def f(x: tf.Tensor, n: tf.Tensor, steps: int, training: bool=False):
    # every kind is known: no dispatch, the output is direct graph code
    # line 7: if x > 0:
    x = tf.cond(x > 0, lambda: x * 2, lambda: x)
    i = 0
    # line 10: while i < n:
    def loop_cond(i, x):
        return i < n
    def loop_body(i, x):
        x = x + 1
        i += 1
        return i, x
    i, x = tf.while_loop(loop_cond, loop_body, (i, x))
    for k in range(steps):
        x = x - k
    if training:
        x = -x
    return x
