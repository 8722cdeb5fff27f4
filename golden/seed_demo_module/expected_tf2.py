"""The seed chapter's DemoModule: a tf.Module whose method is a tf.function."""
import tensorflow as tf


class DemoModule(tf.Module):
    def __init__(self, init_value=tf.constant(0.0), name=None):
        super(DemoModule, self).__init__(name=name)
        with self.name_scope:  # Identical to: with tf.name_scope("demo_module")
            self.x = tf.Variable(init_value, dtype=tf.float32, trainable=True)

    @tf.function(
        input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)], autograph=False
    )
    def addprint(self, a):
        with self.name_scope:
            self.x.assign_add(a)
            tf.print(self.x)
            return(self.x)
