import tensorflow as tf


counter = tf.Variable(0)

@tf.function(autograph=False)
def f(n):
    # line 8: for i in tf.range(n):
    i = tf.zeros_like(n)
    def loop_cond(i):
        return i < n
    def loop_body(i):
        # line 9: if i % 2 == 0:
        def if_true():
            counter.assign_add(i)
        def if_false():
            counter.assign_sub(1)
        tf.cond(i % 2 == 0, if_true, if_false)
        i += 1
        return i,
    i, = tf.while_loop(loop_cond, loop_body, (i,))
    return counter.read_value()
