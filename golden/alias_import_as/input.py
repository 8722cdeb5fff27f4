import tensorflow as tf2


@tf2.function
def f(x):
    while x > 1.0:
        x = x / 2.0
    return x if x > 0.75 else -x
