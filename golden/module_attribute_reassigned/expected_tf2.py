import tensorflow as tf


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.constant(0)

    @tf.function(autograph=False)
    def count_positive(self, v):
        self.count = tf.constant(0)
        self_count = self.count
        # line 12: for x in v:
        loop_limit = tf.shape(v)[0]
        x_index = 0
        def loop_cond(self_count, x_index):
            return x_index < loop_limit
        def loop_body(self_count, x_index):
            x = v[x_index]
            # line 13: if x > 0:
            self_count = tf.cond(x > 0, lambda: self_count + 1, lambda: self_count)
            x_index += 1
            return self_count, x_index
        self_count, x_index = tf.while_loop(loop_cond, loop_body, (self_count, x_index))
        self.count = self_count
        return self.count
