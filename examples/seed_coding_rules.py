"""The seed chapter's AutoGraph coding rules, with its listings that break them.

1. Inside a tf.function, use TensorFlow's functions: `tf.print`, not Python's `print`
   (the seed's `myadd` in seed_myadd.py; `print_hello` below).
2. Do not create a tf.Variable inside a tf.function (`inner_var`; `outer_var` is the fix).
3. A tf.function must not change Python lists or dicts that live outside it (`append_tensor`).

`agx lint examples/` reports each rule: AGX401, AGX402, AGX403. Nothing runs at import.
"""
import tensorflow as tf

x = tf.Variable(1.0, dtype=tf.float32)


@tf.function
def print_hello():
    print("hello")  # rule 1: Python print runs while tracing only
    tf.print("hello")


@tf.function
def outer_var():
    x.assign_add(1.0)
    tf.print(x)
    return (x)


@tf.function
def inner_var():
    x = tf.Variable(1.0, dtype=tf.float32)  # rule 2: ValueError on the first call
    x.assign_add(1.0)
    tf.print(x)
    return (x)


tensor_list = []


@tf.function  # rule 3: Autograph will result in something unexpected
def append_tensor(x):
    tensor_list.append(x)
    return tensor_list


if __name__ == "__main__":
    outer_var()
    outer_var()
    append_tensor(tf.constant(5.0))
    append_tensor(tf.constant(6.0))
    print(tensor_list)  # [<tf.Tensor 'x:0' shape=() dtype=float32>]: the traced Tensor, not 5.0 and 6.0
