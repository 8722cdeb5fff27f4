"""The seed chapter's add_print: an outer tf.Variable and an input_signature."""
import tensorflow as tf

x = tf.Variable(1.0, dtype=tf.float32)


# Use input_signature to limit the signature type of the input tensors with shape and dtype inside the decorator tf.function
@tf.function(
    input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)], autograph=False
)
def add_print(a):
    x.assign_add(a)
    tf.print(x)
    return(x)
