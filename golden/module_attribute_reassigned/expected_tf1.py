import tensorflow as tf


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.constant(0)

    # agx: kept as written, AutoGraph converts it when traced (AGX505: `Counter.count_positive` reads `self.count`, which is neither a tf.Variable created in __init__ nor a Python value: it cannot live in a TF1 graph)
    @tf.function
    def count_positive(self, v):
        self.count = tf.constant(0)
        for x in v:
            if x > 0:
                self.count = self.count + 1
        return self.count
