import tensorflow as tf


@tf.function
def pair(ds: tf.data.Dataset):
    # next() with a default: a tf.cond on get_next_as_optional() (AutoGraph's next_)
    it = iter(ds)
    first = next(it, tf.constant(-1, tf.int64))
    second = next(it, tf.constant(-1, tf.int64))
    return first * 10 + second
