import tensorflow as tf


@tf.function(autograph=False)
def pair(ds: tf.data.Dataset):
    # next() with a default: a tf.cond on get_next_as_optional() (AutoGraph's next_)
    it = iter(ds)
    # line 8: first = next(it, tf.constant(-1, tf.int64))
    first_optional = it.get_next_as_optional()
    first = tf.cond(
        first_optional.has_value(),
        first_optional.get_value,
        lambda: tf.constant(-1, tf.int64),
    )
    # line 9: second = next(it, tf.constant(-1, tf.int64))
    second_optional = it.get_next_as_optional()
    second = tf.cond(
        second_optional.has_value(),
        second_optional.get_value,
        lambda: tf.constant(-1, tf.int64),
    )
    return first * 10 + second
