import tensorflow as tf


counter = tf.Variable(0)

@tf.function
def f(n):
    for i in tf.range(n):
        if i % 2 == 0:
            counter.assign_add(i)
        else:
            counter.assign_sub(1)
    return counter.read_value()
