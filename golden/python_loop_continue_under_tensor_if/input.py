import tensorflow as tf


@tf.function
def f(x):
    total = 0
    for k in range(4):
        if x > k:
            continue
        total += k
    return total
