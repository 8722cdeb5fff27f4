import tensorflow as tf


# agx: kept as written, AutoGraph converts it when traced (AGX201: `y` is assigned in only one branch of a tensor `if` and used after it)
@tf.function
def f(x):
    if x > 0:
        y = x * 2
    return y
