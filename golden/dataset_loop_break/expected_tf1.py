import tensorflow as tf


# agx: kept as written, AutoGraph converts it when traced (AGX506: `until` takes `ds`, a tf.data dataset (annotated dataset): a TF1 Session runner cannot take one (it is built outside the runner's graph))
@tf.function
def until(ds: tf.data.Dataset, limit):
    # a `break` in a loop over a dataset: a tf.while_loop over get_next_as_optional()
    total = tf.constant(0, tf.int64)
    for x in ds:
        if total + x > limit:
            break
        total += x
    return total
