"""The seed chapter's `myadd`: a for loop over tf.range, tf.print and a Python print."""
import tensorflow as tf
import numpy as np


@tf.function(autograph=False)
def myadd(a, b):
    # line 8: for i in tf.range(3):
    i = 0
    def loop_cond(i):
        return i < 3
    def loop_body(i):
        tf.print(i)
        i += 1
        return (i,)
    (i,) = tf.while_loop(loop_cond, loop_body, (i,))
    c = a + b
    print("tracing")
    return c
