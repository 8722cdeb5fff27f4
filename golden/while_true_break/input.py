import tensorflow as tf


@tf.function
def f(x):
    n = 0
    while True:
        x = x // 2
        n += 1
        if x == 0:
            break
    return n
