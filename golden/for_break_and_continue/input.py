import tensorflow as tf


@tf.function
def f(v, limit):
    s = 0.0
    for x in v:
        if x < 0:
            continue
        if s + x > limit:
            break
        s += x
    return s
