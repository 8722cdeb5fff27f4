import tensorflow as tf


# agx: kept as written, AutoGraph converts it when traced (AGX506: `pair` takes `ds`, a tf.data dataset (annotated dataset): a TF1 Session runner cannot take one (it is built outside the runner's graph); 2 more)
@tf.function
def pair(ds: tf.data.Dataset):
    # next() with a default: a tf.cond on get_next_as_optional() (AutoGraph's next_)
    it = iter(ds)
    first = next(it, tf.constant(-1, tf.int64))
    second = next(it, tf.constant(-1, tf.int64))
    return first * 10 + second
