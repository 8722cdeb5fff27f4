import tensorflow as tf


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
            return self.total.read_value(), self.steps.read_value()
