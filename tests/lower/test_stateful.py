"""Stateful ops (tf.print, assign_*) in branches and loop bodies run, in program order."""
import textwrap

from differential import call, load
from transpiler import transpile

SRC = textwrap.dedent('''
    import sys
    import tensorflow as tf

    log = tf.Variable(0)

    @tf.function
    def f(n, x):
        tf.print("start", output_stream=sys.stdout)
        for i in tf.range(n):
            if i % 2 == 0:
                tf.print("even", i, output_stream=sys.stdout)
                log.assign(log * 10 + i)
            else:
                tf.print("odd", i, output_stream=sys.stdout)
                log.assign_add(1)
            if x > 0:
                tf.print("positive", output_stream=sys.stdout)
        tf.print("end", log, output_stream=sys.stdout)
        return log.read_value()
''')


def run(module, eager, capfd):
    value = call(module, "f", (4, 1.0), eager=eager)
    return value, capfd.readouterr().out.splitlines()


def test_prints_and_assignments_in_program_order(capfd):
    eager_value, eager_lines = run(load(SRC), True, capfd)
    agx_value, agx_lines = run(load(transpile(SRC)), False, capfd)
    assert eager_lines == ["start", "even 0", "positive", "odd 1", "positive", "even 2", "positive",
                           "odd 3", "positive", "end 13"]
    assert agx_lines == eager_lines
    assert eager_value == agx_value == 13
