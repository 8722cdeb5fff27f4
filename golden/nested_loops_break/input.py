import tensorflow as tf


@tf.function
def f(n):
    count = 0
    for i in tf.range(n):
        j = 0
        while j < n:
            if j > i:
                break
            count += 1
            j += 1
    return count
