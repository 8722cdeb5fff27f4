import tensorflow as tf


@tf.function
def f(v):
    kept = []
    for x in v:
        if x > 0:
            kept.append(x * 10)
    return tf.stack(kept)
