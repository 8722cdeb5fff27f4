import tensorflow as tf


@tf.function
def f(x: tf.Tensor, n: tf.Tensor, steps: int, training: bool = False):
    # every kind is known: no dispatch, the output is direct graph code
    if x > 0:
        x = x * 2
    i = 0
    while i < n:
        x = x + 1
        i += 1
    for k in range(steps):
        x = x - k
    if training:
        x = -x
    return x
