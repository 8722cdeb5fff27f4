import tensorflow as tf


@tf.function
def f(n):
    i = 0
    total = 0
    while i < n:
        total += i * i
        i += 1
    return total
