import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    for k in range(3):
        x = x + k
    return x
