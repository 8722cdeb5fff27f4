import tensorflow as tf


@tf.function
def f(x, n, items):
    # nothing says what x, n and items are: each statement that depends on them dispatches
    if x > 0:
        x = x * 2
    i = 0
    while i < n:
        x = x + 1
        i += 1
    for item in items:
        if item < 0:
            break
        x = x + item
    return x
