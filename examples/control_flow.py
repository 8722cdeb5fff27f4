"""A tour of what agx lowers: tensor if/elif, while with break, early return, lists."""
import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.int32)])
def collatz_steps(n):
    """Number of Collatz steps from n down to 1."""
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@tf.function
def first_negative(v):
    # index of the first negative entry, or -1
    for i in tf.range(tf.shape(v)[0]):
        if v[i] < 0:
            return i
    return -1


@tf.function
def squares(n):
    out = []
    for i in tf.range(n):
        out.append(i * i)
    return tf.stack(out)


@tf.function
def classify(x):
    if x > 100:
        label = 2
    elif x > 0:
        label = 1
    else:
        label = 0
    return label
