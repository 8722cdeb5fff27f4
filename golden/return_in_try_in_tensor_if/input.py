import tensorflow as tf


@tf.function
def f(x: tf.Tensor):
    y = x
    if x > 0:
        try:
            y = y + 1
            if y > 3:
                return y * 10  # the value is taken before `finally` runs
        finally:
            y = y + 100
    return y
