import tensorflow as tf


# agx: kept as written, AutoGraph converts it when traced (AGX110: an assignment expression (`:=`) in the condition of a tensor loop cannot be lowered)
@tf.function
def f(x):
    while (y := x * 2) < 100:
        x = y
    return x
