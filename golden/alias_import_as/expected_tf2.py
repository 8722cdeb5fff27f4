import tensorflow as tf2


@tf2.function(autograph=False)
def f(x):
    # line 6: while x > 1.0:
    def loop_cond(x):
        return x > 1.0
    def loop_body(x):
        x = x / 2.0
        return (x,)
    (x,) = tf2.while_loop(loop_cond, loop_body, (x,))
    return tf2.cond(x > 0.75, lambda: x, lambda: -x)
