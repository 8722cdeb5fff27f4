import tensorflow as tf


@tf.function(autograph=False)
def f(x):
    # line 6: if x > 0:
    def if_true():
        print_op = tf.print('positive', x)
        with tf.control_dependencies([print_op]):
            return x + 1
    def if_false():
        print_op = tf.print('not positive', x)
        with tf.control_dependencies([print_op]):
            return x - 1
    y = tf.cond(x > 0, if_true, if_false)
    with tf.control_dependencies([y]):
        return tf.identity(y)
