import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    total = 0
    for k in range(4):
        # line 8: if x > k:
        def if_false(total):
            total += k
            return total
        total = tf.cond(x > k, lambda: total, lambda: if_false(total))
    return total
