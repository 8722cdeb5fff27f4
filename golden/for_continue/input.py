import tensorflow as tf


@tf.function
def f(n):
    s = 0
    for i in tf.range(n):
        if i % 2 == 0:
            continue
        s += i
    return s
