import tensorflow as tf


@tf.function(autograph=False)
def f(x: tf.Tensor, n: tf.Tensor, steps: int, training: bool = False):
    # every kind is known: no dispatch, the output is direct graph code
    # line 7: if x > 0:
    x = tf.cond(x > 0, lambda: x * 2, lambda: x)
    i = 0
    # line 10: while i < n:
    def loop_cond(x, i):
        return i < n
    def loop_body(x, i):
        x = x + 1
        i += 1
        return x, i
    x, i = tf.while_loop(loop_cond, loop_body, (x, i))
    for k in range(steps):
        x = x - k
    if training:
        x = -x
    return x
