import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    out = 0
    for k in (1, 2, 3):
        # line 8: if x > k:
        def if_true(out):
            out += k
            return out
        out = tf.cond(x > k, lambda: if_true(out), lambda: out)
    return out
