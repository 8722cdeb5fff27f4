"""tf.Module and Keras: converted methods are drop-ins, including SavedModel round trips."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from differential import load, same
from transpiler import transpile

EXAMPLES = Path(__file__).parents[2] / "examples"


def both(name):
    src = (EXAMPLES / name).read_text()
    return load(src), load(transpile(src))


def test_demo_module_sequence_with_saved_model_round_trip(tmp_path):
    results = {}
    for label, module in zip(("original", "agx"), both("seed_demo_module.py")):
        demo = module.DemoModule(init_value=tf.constant(1.0))
        first = demo.addprint(tf.constant(5.0)).numpy()
        path = str(tmp_path / label)
        tf.saved_model.save(demo, path, signatures={"serving_default": demo.addprint})
        loaded = tf.saved_model.load(path)
        second = loaded.addprint(tf.constant(5.0)).numpy()
        names = [v.name for v in demo.variables]
        results[label] = (first, second, names, path)
    assert results["original"][:3] == results["agx"][:3] == (6.0, 11.0, ["demo_module/Variable:0"])
    cli = Path(sys.executable).parent / "saved_model_cli"
    if cli.exists():
        shows = [subprocess.run([str(cli), "show", "--dir", results[k][3], "--tag_set", "serve",
                                 "--signature_def", "serving_default"], capture_output=True, text=True,
                                timeout=120).stdout for k in ("original", "agx")]
        assert "inputs['a']" in shows[0] and shows[0] == shows[1]


def test_attribute_style_module(tmp_path):
    seqs = []
    for label, module in zip(("original", "agx"), both("seed_attribute_module.py")):
        first = module.mymodule.addprint(tf.constant(1.0)).numpy()
        path = str(tmp_path / label)
        tf.saved_model.save(module.mymodule, path, signatures={"serving_default": module.mymodule.addprint})
        loaded = tf.saved_model.load(path)
        seqs.append((first, loaded.addprint(tf.constant(5.0)).numpy()))
    assert seqs[0] == seqs[1] == (1.0, 6.0)


def test_module_with_break_on_variable_state():
    original, converted = both("keras_layer.py")
    values = tf.constant([3.0, 4.0, 5.0, 1.0])
    a, b = original.ClippedAccumulator(limit=10.0), converted.ClippedAccumulator(limit=10.0)
    tf.config.run_functions_eagerly(True)
    try:
        expected = [a.add_all(values).numpy(), a.add_all(values).numpy(), int(a.steps.numpy())]
    finally:
        tf.config.run_functions_eagerly(False)
    got = [b.add_all(values).numpy(), b.add_all(values).numpy(), int(b.steps.numpy())]
    assert expected == got == [7.0, 10.0, 3]


def test_reassigned_attribute_is_a_loop_variable():
    src = (
        "import tensorflow as tf\n\n"
        "class Counter(tf.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.v = tf.Variable(0.0)\n"
        "        self.count = tf.constant(0)\n\n"
        "    @tf.function\n"
        "    def run(self, x, n):\n"
        "        for i in tf.range(n):\n"
        "            if x > 0:\n"
        "                self.v.assign_add(x)\n"
        "                self.count = self.count + 1\n"
        "        return self.v.read_value(), self.count\n")
    code = transpile(src)
    assert "self_count = self.count" in code and "self.count = self_count" in code
    orig, conv = load(src), load(code)
    tf.config.run_functions_eagerly(True)
    try:
        keep = orig.Counter()  # tf.function holds methods' `self` weakly: keep a reference
        expected = keep.run(tf.constant(2.0), tf.constant(3))
    finally:
        tf.config.run_functions_eagerly(False)
    counter = conv.Counter()
    got = counter.run(tf.constant(2.0), tf.constant(3))
    assert same([t.numpy() for t in expected], [t.numpy() for t in got])


def _train(module, steps, autograph):
    x = tf.constant(np.linspace(-1.0, 1.0, 12, dtype=np.float32).reshape(4, 3))
    target = tf.constant(np.ones((4, 2), np.float32))
    layer = module.SoftClip(2)
    layer(x)  # build
    for v, value in zip(layer.trainable_variables, (np.full((3, 2), 0.3, np.float32), np.zeros(2, np.float32))):
        v.assign(value)
    optimizer = tf.keras.optimizers.SGD(0.1)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((layer(x) - target) ** 2)
        grads = tape.gradient(loss, layer.trainable_variables)
        optimizer.apply_gradients(zip(grads, layer.trainable_variables))
        return loss

    step = tf.function(step, autograph=autograph) if autograph is not None else step
    losses = [float(step()) for _ in range(steps)]
    return losses, [v.numpy() for v in layer.trainable_variables]


def test_keras_layer_trains_one_step_with_identical_loss():
    code = transpile((EXAMPLES / "keras_layer.py").read_text())
    assert "    def call(self, inputs):\n" in code and "tf.cond(" in code  # converted, undecorated
    original, converted = both("keras_layer.py")
    eager = _train(original, 2, None)                 # the truth
    agx = _train(converted, 2, False)                 # graph code without AutoGraph
    assert eager[0] == pytest.approx(agx[0], rel=1e-6)
    assert eager[0][0] != pytest.approx(eager[0][1])  # the step really trained
    assert same(eager[1], agx[1])
    agx_autograph = _train(converted, 1, True)        # still right if AutoGraph runs over it
    assert agx_autograph[0][0] == pytest.approx(eager[0][0], rel=1e-6)
    # the peer: AutoGraph does not convert code reached through Keras 3's Layer.__call__,
    # so the original fails inside a tf.function train step, with or without AutoGraph
    for autograph in (True, False):
        with pytest.raises(Exception, match="symbolic `tf.Tensor` as a Python `bool`"):
            _train(original, 1, autograph)


def test_with_blocks_are_kept():
    code = transpile((EXAMPLES / "keras_layer.py").read_text())
    assert "        with self.name_scope:\n            did_break = False" in code
