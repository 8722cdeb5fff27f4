import tensorflow as tf


class SoftClip(tf.keras.layers.Layer):
    """Keras traces `call` itself, so agx converts it without a decorator."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = tf.keras.layers.Dense(units, kernel_initializer="ones")

    def call(self, inputs):
        y = self.dense(inputs)
        # line 13: if tf.reduce_mean(y) > 0:
        y = tf.cond(tf.reduce_mean(y) > 0, lambda: tf.nn.relu(y), lambda: y * 0.5)
        return y
