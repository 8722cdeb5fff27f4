"""A Keras layer whose `call` has Tensor control flow, and a tf.Module with a clipped update."""
import tensorflow as tf


class SoftClip(tf.keras.layers.Layer):
    """Dense layer whose output is clipped differently depending on its mean.

    Keras traces `call` into a graph itself (model.fit, or a tf.function train step), so agx
    converts it without a decorator. (With Keras 3, decorating `call` with tf.function hides
    the layer's variables from GradientTape: don't.)
    """

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = tf.keras.layers.Dense(units)

    def call(self, inputs):
        y = self.dense(inputs)
        if tf.reduce_mean(y) > 0:
            y = tf.nn.relu(y)
        else:
            y = y * 0.5
        return y


class ClippedAccumulator(tf.Module):
    def __init__(self, limit=10.0, name=None):
        super().__init__(name=name)
        with self.name_scope:
            self.total = tf.Variable(0.0)
            self.steps = tf.Variable(0)
        self.limit = limit

    @tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
    def add_all(self, values):
        with self.name_scope:
            for v in values:
                if self.total + v > self.limit:
                    break
                self.total.assign_add(v)
                self.steps.assign_add(1)
            return self.total.read_value()
