import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


class Translator:
    def __init__(self, scale):
        self.scale = scale

    def translate(self, x):
        # line 9: if x > 0:
        x = cond(x > 0, lambda: x * self.scale, lambda: x)
        return x


class Runner:
    def __init__(self):
        self.model = Translator(3.0)

    @tf.function(autograph=False)
    def run(self, x):
        return self.model.translate(x)


def create_loop_fn(step_fn):
    def loop_fn(n):
        s = tf.constant(0.0)
        # line 26: for i in tf.range(n):
        i = tf.zeros_like(n)
        def loop_cond(s, i):
            return i < n
        def loop_body(s, i):
            s += step_fn(tf.cast(i, tf.float32))
            i += 1
            return s, i
        s, i = tf.while_loop(loop_cond, loop_body, (s, i))
        return s
    return loop_fn


def step(x):
    # line 33: if x > 1.0:
    x = cond(x > 1.0, lambda: x * 10.0, lambda: x)
    return x


loop = tf.function(create_loop_fn(step))
runner = Runner()


def f(x, n):
    return runner.run(x) + loop(n)
