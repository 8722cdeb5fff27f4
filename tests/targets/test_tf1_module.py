"""tf1 module-level contract: helpers once, input_signature specs, diagnostics as data,
and conversion that never imports TensorFlow."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from differential import load
from transpiler import TranspileError, transpile

ROOT = Path(__file__).resolve().parents[2]
H = "import tensorflow as tf\n\n"


def test_helpers_are_emitted_once_and_runners_share_them():
    source = H + """
@tf.function
def f(x):
    return x + 1

@tf.function
def g(x):
    return x * 2
"""
    code = transpile(source, target="tf1")
    for helper in ("def spec_and_value(", "def run_graph(", "def copy_variables(", "GRAPH_SESSIONS = {}"):
        assert code.count(helper) == 1, helper
    module = load(code)
    assert module.f(1) == 2 and module.g(1.5) == 3.0


def test_helper_names_never_shadow_user_names():
    source = H + """
def run_graph(x):
    return x

@tf.function
def f(x):
    return run_graph(x) + 1
"""
    code = transpile(source, target="tf1")
    assert "def run_graph_1(" in code and "return run_graph_1(build_f_graph" in code
    assert load(code).f(1) == 2


def test_input_signature_gives_default_specs_and_casts_arguments():
    module = load(transpile((ROOT / "examples" / "control_flow.py").read_text(), target="tf1"))
    graph, (n,), outputs = module.build_collatz_steps_graph()
    assert n.dtype.name == "int32" and n.shape.rank == 0
    assert module.collatz_steps(np.int64(27)) == 111 and module.collatz_steps(6) == 8
    assert len([k for k in module.GRAPH_SESSIONS if k[0] is module.build_collatz_steps_graph]) == 1


def test_python_default_parameter_builds_one_graph_per_value(capfd):
    source = H + """
@tf.function
def f(x, scale=2):
    print("tracing")
    return x * scale
"""
    module = load(transpile(source, target="tf1"))
    assert [module.f(3), module.f(4), module.f(3, 5), module.f(1, 5)] == [6, 8, 15, 5]
    assert capfd.readouterr().out.count("tracing") == 2


def test_tuple_results_stay_tuples():
    source = H + """
@tf.function
def f(x):
    return x, (x + 1, "label")
"""
    result = load(transpile(source, target="tf1")).f(1)
    assert isinstance(result, tuple) and isinstance(result[1], tuple)
    assert result[0] == 1 and result[1][0] == 2 and result[1][1] == "label"


@pytest.mark.parametrize("code, source", [
    ("AGX501", H + "class M(tf.Module):\n    def __init__(self):\n        self.v = tf.Variable(1.0)\n\n"
               "    def h(self, x):\n        self.v = tf.Variable(2.0)\n        return x * self.v\n\n"
               "    @tf.function\n    def f(self, x):\n        return self.h(x)\n"),
    ("AGX502", H + "@tf.function\ndef f(*xs):\n    return xs[0]\n"),
    ("AGX503", H + "@tf.function\ndef g(x):\n    return x\n\n@tf.function\ndef f(x):\n    return g(x)\n"),
    ("AGX504", H + "w = tf.constant(2)\n\ndef h(x):\n    return x * w\n\n@tf.function\ndef f(x):\n"
               "    return h(x)\n"),
])
def test_what_tf1_cannot_express_is_a_located_diagnostic(code, source):
    with pytest.raises(TranspileError) as info:
        transpile(source, target="tf1", strict=True)
    found = [d for d in info.value.diagnostics if d.code == code]
    assert found and found[0].line > 1 and found[0].help


def test_conversion_does_not_import_tensorflow():
    script = ("import sys\nfrom transpiler import transpile\n"
              f"transpile(open({str(ROOT / 'examples' / 'seed_myadd.py')!r}).read(), target='tf1')\n"
              "assert 'tensorflow' not in sys.modules, 'tensorflow was imported'\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)


def test_comment_above_the_first_runner_stays_with_it():
    source = H + "# adds one\n@tf.function\ndef f(x):\n    return x + 1\n"
    code = transpile(source, target="tf1")
    assert code.index("def run_graph(") < code.index("# adds one") < code.index("def build_f_graph(")
    assert "# adds one\ndef build_f_graph(" in code


def test_keyword_only_python_parameter_with_early_return():
    source = H + """
@tf.function
def f(x, *, training=False):
    if training:
        return x * 2
    return x - 1
"""
    module = load(transpile(source, target="tf1"))
    assert [module.f(3), module.f(3, training=True), module.f(3)] == [2, 6, 2]
