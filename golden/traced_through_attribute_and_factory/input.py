import tensorflow as tf


class Translator:
    def __init__(self, scale):
        self.scale = scale

    def translate(self, x):
        if x > 0:
            x = x * self.scale
        return x


class Runner:
    def __init__(self):
        self.model = Translator(3.0)

    @tf.function
    def run(self, x):
        return self.model.translate(x)


def create_loop_fn(step_fn):
    def loop_fn(n):
        s = tf.constant(0.0)
        for i in tf.range(n):
            s += step_fn(tf.cast(i, tf.float32))
        return s
    return loop_fn


def step(x):
    if x > 1.0:
        x = x * 10.0
    return x


loop = tf.function(create_loop_fn(step))
runner = Runner()


def f(x, n):
    return runner.run(x) + loop(n)
