import tensorflow as tf


@tf.function
def f(n):
    i = 0
    class Callable(object):
        def __call__(self):
            return i + 2
    i_via_closure = Callable()
    s = 0
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s


@tf.function
def g(x, n):
    if x > 0:
        x = x * 2
    return x + n
