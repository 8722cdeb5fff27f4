import tensorflow as tf


@tf.function
def f(v):
    squares = []
    i = 0
    while i < tf.shape(v)[0]:
        squares.append(v[i] * v[i])
        i += 1
    return tf.stack(squares), len(squares)
