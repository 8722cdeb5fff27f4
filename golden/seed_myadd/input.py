"""The seed chapter's `myadd`: a for loop over tf.range, tf.print and a Python print."""
import tensorflow as tf
import numpy as np


@tf.function(autograph=True)
def myadd(a, b):
    for i in tf.range(3):
        tf.print(i)
    c = a + b
    print("tracing")
    return c
