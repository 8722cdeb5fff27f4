"""Functions for `agx check`: each has an input_signature, so inputs are generated."""
import tensorflow as tf

counter = tf.Variable(0)


@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.int32)])
def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32),
                              tf.TensorSpec(shape=[], dtype=tf.float32)])
def first_above(v, limit):
    for i in tf.range(tf.shape(v)[0]):
        if v[i] > limit:
            return i
    return -1


@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.int32)])
def squares(n):
    out = []
    for i in tf.range(n):
        out.append(i * i)
    return tf.stack(out)


@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)])
def classify(x):
    if x > 5.0:
        label = 2
    elif x > 1.0:
        label = 1
    else:
        label = 0
    return label


@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.int32)])
def count_odd(n):
    for i in tf.range(n):
        if i % 2 == 1:
            counter.assign_add(1)
    return counter.read_value()
