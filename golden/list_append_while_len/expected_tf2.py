import tensorflow as tf


@tf.function(autograph=False)
def f(v):
    squares = tf.TensorArray(tf.convert_to_tensor(v).dtype, size=0, dynamic_size=True)
    i = 0
    # line 8: while i < tf.shape(v)[0]:
    def loop_cond(i, squares):
        return i < tf.shape(v)[0]
    def loop_body(i, squares):
        squares = squares.write(squares.size(), v[i] * v[i])
        i += 1
        return i, squares
    i, squares = tf.while_loop(loop_cond, loop_body, (i, squares))
    return tf.cond(squares.size() > 0, squares.stack, lambda: tf.zeros([0], squares.dtype)), squares.size()
