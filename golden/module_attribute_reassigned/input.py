import tensorflow as tf


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.constant(0)

    @tf.function
    def count_positive(self, v):
        self.count = tf.constant(0)
        for x in v:
            if x > 0:
                self.count = self.count + 1
        return self.count
