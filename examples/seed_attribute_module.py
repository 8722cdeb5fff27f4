"""The seed chapter's attribute-style tf.Module: a plain tf.Module with attributes added."""
import tensorflow as tf

mymodule = tf.Module()
mymodule.x = tf.Variable(0.0)


@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)])
def addprint(a):
    mymodule.x.assign_add(a)
    tf.print(mymodule.x)
    return (mymodule.x)


mymodule.addprint = addprint
