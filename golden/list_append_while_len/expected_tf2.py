import tensorflow as tf


@tf.function(autograph=False)
def f(v):
    squares = tf.TensorArray(tf.convert_to_tensor(v).dtype, size=0, dynamic_size=True)
    i = 0
    # line 8: while i < tf.shape(v)[0]:
    def loop_cond(squares, i):
        return i < tf.shape(v)[0]
    def loop_body(squares, i):
        squares = squares.write(squares.size(), v[i] * v[i])
        i += 1
        return squares, i
    squares, i = tf.while_loop(loop_cond, loop_body, (squares, i))
    return (
        tf.cond(
            squares.size() > 0, squares.stack, lambda: tf.zeros([0], squares.dtype)
        ),
        squares.size(),
    )
