"""Target tf1 for tf.Module methods: instance variables live in the method's graph."""
import textwrap
from pathlib import Path

import pytest
import tensorflow as tf

from differential import load
from transpiler import TranspileError, transpile

EXAMPLES = Path(__file__).parents[2] / "examples"


def tf1(name):
    return load(transpile((EXAMPLES / name).read_text(), target="tf1"))


def test_seed_demo_module_state_sequence(capfd):
    module = tf1("seed_demo_module.py")
    demo = module.DemoModule(init_value=tf.constant(1.0))
    assert demo.addprint(tf.constant(5.0)) == 6.0
    assert demo.addprint(5.0) == 11.0              # same runner object: state kept in its graph
    other = module.DemoModule(init_value=tf.constant(10.0))
    assert other.addprint(1.0) == 11.0 and demo.addprint(0.0) == 11.0  # instances are separate
    assert capfd.readouterr().err.split() == ["6", "11", "11", "11"]
    code = transpile((EXAMPLES / "seed_demo_module.py").read_text(), target="tf1")
    assert "def build_addprint_graph(self, a_spec):" in code
    assert "self_x = tf.Variable(self_x_initial, name='x')" in code
    assert "return run_graph(self.build_addprint_graph, (a_spec,), (a,))" in code
    assert code.index("def run_graph(") < code.index("class DemoModule")


def test_module_with_break_matches_eager():
    src = (EXAMPLES / "keras_layer.py").read_text()
    values = [3.0, 4.0, 5.0, 1.0]
    eager_module = load(src)
    keep = eager_module.ClippedAccumulator(limit=10.0)
    tf.config.run_functions_eagerly(True)
    try:
        expected = [float(keep.add_all(tf.constant(values))) for _ in range(2)]
    finally:
        tf.config.run_functions_eagerly(False)
    acc = tf1("keras_layer.py").ClippedAccumulator(limit=10.0)
    assert [float(acc.add_all(values)) for _ in range(2)] == expected == [7.0, 10.0]


def test_submodules_cannot_live_in_a_tf1_graph():
    src = textwrap.dedent('''
        import tensorflow as tf

        class M(tf.Module):
            def __init__(self):
                super().__init__()
                self.dense = tf.keras.layers.Dense(2)

            @tf.function
            def run(self, x):
                return self.dense(x)
    ''')
    with pytest.raises(TranspileError) as exc:
        transpile(src, target="tf1", strict=True)
    assert [d.code for d in exc.value.diagnostics] == ["AGX505"]
    assert "self.dense" in exc.value.diagnostics[0].message


def test_helper_method_reading_variables_gets_the_graph_copies():
    """AGX501 used to refuse this: the helper's `self.v` is passed through (helper_state.py)."""
    src = textwrap.dedent('''
        import tensorflow as tf

        class M(tf.Module):
            def __init__(self):
                super().__init__()
                self.v = tf.Variable(1.0)

            def scaled(self, x):
                self.v.assign_add(1.0)
                return x * self.v

            @tf.function
            def run(self, x):
                return self.scaled(x)
    ''')
    code = transpile(src, target="tf1", strict=True)
    assert "def scaled(self, x, *, self_v" in code and "self.scaled(x, self_v" in code
    original, converted = load(src), load(code)
    tf.config.run_functions_eagerly(True)
    try:
        m = original.M()
        expected = [float(m.run(tf.constant(x))) for x in (2.0, 3.0)]
    finally:
        tf.config.run_functions_eagerly(False)
    m = converted.M()
    assert [float(m.run(x)) for x in (2.0, 3.0)] == expected == [4.0, 9.0]
    autograph = original.M()  # the peer: AutoGraph runs the original right too
    assert [float(autograph.run(tf.constant(x))) for x in (2.0, 3.0)] == expected


@pytest.mark.parametrize("helper, why", [
    ("    def scaled(self, x):\n        self.v = tf.Variable(2.0)\n        return x * self.v\n", "rebinds"),
    ("    def scaled(self, x):\n        return x * self.v\n", "other than by calling"),
])
def test_helper_variables_that_cannot_be_passed_through_are_agx501(helper, why):
    src = ("import tensorflow as tf\n\nclass M(tf.Module):\n    def __init__(self):\n"
           "        super().__init__()\n        self.v = tf.Variable(1.0)\n\n" + helper +
           "\n    @tf.function\n    def run(self, x):\n"
           + ("        return self.scaled(x)\n" if why == "rebinds" else
              "        return self.scaled(x) + tf.map_fn(self.scaled, tf.stack([x]))[0]\n"))
    with pytest.raises(TranspileError) as exc:
        transpile(src, target="tf1", strict=True)
    assert [(d.code, d.line) for d in exc.value.diagnostics] == [("AGX501", 13 if why == "rebinds" else 12)]
    assert why in exc.value.diagnostics[0].message


def test_keras_layer_read_through_a_helper_is_agx505_at_conversion():
    src = textwrap.dedent('''
        import tensorflow as tf

        class M(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.dense = tf.keras.layers.Dense(3)

            @tf.function
            def serve(self, x):
                return self.helper(x)

            def helper(self, x):
                if tf.reduce_sum(x) > 0:
                    x = x * 2.0
                return self.dense(x)
    ''')
    with pytest.raises(TranspileError) as exc:  # before: converted, and the Dense layer built in the TF1 graph
        transpile(src, target="tf1", strict=True)
    assert [(d.code, d.line) for d in exc.value.diagnostics] == [("AGX505", 10)]
    assert "`self.dense` through `M.helper` (line 13)" in exc.value.diagnostics[0].message


KERAS_HEADER = "import tensorflow as tf\nfrom tensorflow.keras.layers import Dense\nfrom tensorflow import keras\n\n"


@pytest.mark.parametrize("init, call", [
    ("    def build(self, shape):\n        self.dense = tf.keras.layers.Dense(3)\n", "self.dense(x)"),  # in build
    ("    def __init__(self):\n        super().__init__()\n        self.dense = Dense(3)\n", "self.dense(x)"),  # imported
    ("    def __init__(self, cell):\n        super().__init__()\n        self.cell = cell\n", "self.cell(x)"),  # passed in
    ("    def __init__(self):\n        super().__init__()\n        self.stack = [keras.layers.Dense(3)]\n",
     "self.stack[0](x)"),  # in a list
    ("    def __init__(self, units):\n        super().__init__()\n"
     "        self.dense = keras.layers.Dense(units) if units else None\n", "self.dense(x)"),  # conditional
])
def test_keras_objects_through_self_are_agx505_at_conversion(init, call):
    src = KERAS_HEADER + "class M(tf.keras.layers.Layer):\n" + init + (
        f"\n    @tf.function\n    def run(self, x):\n        return {call}\n")
    with pytest.raises(TranspileError) as exc:  # before: converted, failing or building the layer in the graph
        transpile(src, target="tf1", strict=True)
    assert [d.code for d in exc.value.diagnostics] == ["AGX505"]


def test_plain_function_attribute_is_not_refused():
    src = ("import tensorflow as tf\n\nclass M(tf.Module):\n    def __init__(self):\n"
           "        super().__init__()\n        self.act = tf.nn.relu\n        self.scale = lambda t: t * 2.0\n\n"
           "    @tf.function\n    def run(self, x):\n        return self.scale(self.act(x))\n")
    m = load(transpile(src, target="tf1", strict=True)).M()
    assert float(m.run(-1.0)) == 0.0 and float(m.run(3.0)) == 6.0


def test_keras_call_with_a_helper_reading_variables_converts():
    """AGX501 used to refuse the whole file: `call` is no runner (Keras runs it), so its
    helper reads the layer's own variable wherever Keras runs it."""
    src = GATE
    code = transpile(src, target="tf1", strict=True)
    assert "tf.cond(" in code and "run_graph(" not in code
    original, converted = load(src).Gate(), load(code).Gate()
    for x in ([1.0, 2.0], [0.1, 0.2]):
        expected = original(tf.constant(x)).numpy().tolist()
        assert converted(tf.constant(x)).numpy().tolist() == expected
        graph = tf.function(lambda t: converted(t), autograph=False)
        assert graph(tf.constant(x)).numpy().tolist() == expected


GATE = '''import tensorflow as tf


class Gate(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.threshold = tf.Variable(0.5, trainable=False)

    def call(self, x):
        if self.above(x):
            x = x * 2.0
        return x

    def above(self, x):
        return tf.reduce_mean(x) > self.threshold
'''
