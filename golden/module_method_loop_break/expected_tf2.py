import tensorflow as tf


class ClippedAccumulator(tf.Module):
    def __init__(self, limit=10.0, name=None):
        super().__init__(name=name)
        with self.name_scope:
            self.total = tf.Variable(0.0)
            self.steps = tf.Variable(0)
        self.limit = limit

    @tf.function(
        input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)], autograph=False
    )
    def add_all(self, values):
        after = []
        with self.name_scope:
            did_break = False
            # line 15: for v in values:
            loop_limit = tf.shape(values)[0]
            v_index = 0
            def loop_cond(did_break, v_index):
                return tf.logical_and(tf.logical_not(did_break), v_index < loop_limit)
            def loop_body(did_break, v_index):
                with tf.control_dependencies([did_break, v_index]):
                    v = values[v_index]
                    # line 16: if self.total + v > self.limit:
                    def if_false():
                        update_op = self.total.assign_add(v)
                        with tf.control_dependencies([update_op]):
                            update_op = self.steps.assign_add(1)
                        with tf.control_dependencies([update_op]):
                            return tf.identity(did_break)
                    did_break = tf.cond(
                        self.total + v > self.limit, lambda: True, if_false
                    )
                with tf.control_dependencies([did_break]):
                    v_index += 1
                    return tf.identity(did_break), v_index
            with tf.control_dependencies(after):
                did_break, v_index = tf.while_loop(
                    loop_cond, loop_body, (did_break, v_index)
                )
            after = [did_break, v_index]
            with tf.control_dependencies(after):
                return self.total.read_value(), self.steps.read_value()
