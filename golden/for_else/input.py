import tensorflow as tf


@tf.function
def f(v, target):
    where = -1
    for i in tf.range(tf.shape(v)[0]):
        if v[i] == target:
            where = i
            break
    else:
        where = -2
    return where
