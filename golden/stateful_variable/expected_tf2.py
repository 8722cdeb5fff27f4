import tensorflow as tf


counter = tf.Variable(0)

@tf.function(autograph=False)
def f(n):
    # line 8: for i in tf.range(n):
    i = tf.zeros_like(n)
    def loop_cond(i):
        return i < n
    def loop_body(i):
        with tf.control_dependencies([i]):
            # line 9: if i % 2 == 0:
            def if_true():
                update_op = counter.assign_add(i)
                return tf.group(update_op)
            def if_false():
                update_op = counter.assign_sub(1)
                return tf.group(update_op)
            cond_op = tf.cond(i % 2 == 0, if_true, if_false)
        with tf.control_dependencies([cond_op]):
            i += 1
            return (i,)
    (i,) = tf.while_loop(loop_cond, loop_body, (i,))
    with tf.control_dependencies([i]):
        return counter.read_value()
