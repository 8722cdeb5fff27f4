"""Under experimental_autograph_options=BUILTIN_FUNCTIONS, a print of a Tensor prints on every
call (AutoGraph); agx's output does the same with tf.print."""
import importlib.util

import pytest

from transpiler import transpile

SOURCE = '''import sys
import tensorflow as tf
F = tf.autograph.experimental.Feature


@tf.function(experimental_autograph_options=(F.BUILTIN_FUNCTIONS,))
def shown(x):
    print("x is", x, sep=" ")
    print("tracing")
    print(x, file=sys.stderr)
    return x + 1


@tf.function
def plain(x):
    print("x is", x)
    return x + 1
'''


def test_print_of_a_tensor_becomes_tf_print_only_under_the_option():
    out = transpile(SOURCE)
    shown, plain = out.split("def plain")
    assert "tf.print('x is', x, sep=' ')" in shown
    assert 'print("tracing")' in shown and "print(x, file=sys.stderr)" in shown  # Python, as written
    assert 'print("x is", x)' in plain and "tf.print" not in plain
    assert "experimental_autograph_options" not in out


def _load(tmp_path, name, code):
    path = tmp_path / f"{name}.py"
    path.write_text(code)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_prints_on_every_call_as_autograph_did(tmp_path, capfd):
    tf = pytest.importorskip("tensorflow")
    source = SOURCE.replace('    print(x, file=sys.stderr)\n', '')
    original = _load(tmp_path, "builtins_original", source)
    converted = _load(tmp_path, "builtins_converted", transpile(source))
    seen = {}
    for name, module in (("autograph", original), ("agx", converted)):
        capfd.readouterr()
        for v in (1, 2, 3):
            module.shown(tf.constant(v))
        out, err = capfd.readouterr()
        seen[name] = [line for line in (out + err).splitlines() if line.startswith("x is")]
    assert seen["autograph"] == seen["agx"] == ["x is 1", "x is 2", "x is 3"]
