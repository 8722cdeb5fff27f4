"""The seed chapter's attribute-style module: mymodule.addprint = addprint."""
import tensorflow as tf

mymodule = tf.Module()
mymodule.x = tf.Variable(0.0)


@tf.function(
    input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)], autograph=False
)
def addprint(a):
    mymodule.x.assign_add(a)
    tf.print(mymodule.x)
    return (mymodule.x)


mymodule.addprint = addprint
