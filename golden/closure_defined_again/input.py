import tensorflow as tf


@tf.function
def f(n):
    i = 0
    s = 0
    i_via_closure = lambda: i + 2
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s


def digits(n):
    i = 0
    s = 0
    def i_via_closure():
        return i + 2
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s


@tf.function
def g(x, n):
    if x > 0:
        x = x * 2
    return x + digits(n)
