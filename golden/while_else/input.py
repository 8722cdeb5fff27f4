import tensorflow as tf


@tf.function
def f(x):
    i = 0
    found = -1
    while i < 5:
        if i == x:
            break
        i += 1
    else:
        found = 100
    return found + i
