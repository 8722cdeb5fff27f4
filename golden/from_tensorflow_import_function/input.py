import tensorflow as tf
from tensorflow import function


@function
def f(x, y):
    if x > y:
        m = x
    else:
        m = y
    return m
