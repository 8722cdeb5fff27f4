"""explain lists a method's class state statically, and Keras/TensorFlow facts at --run."""
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_demo_module_variables_listed_statically():
    r = CliRunner().invoke(main, ["explain", str(EXAMPLES / "seed_demo_module.py") + "::DemoModule.addprint",
                                  "--format", "json"])
    (fn,) = json.loads(r.stdout)["functions"]
    module = fn["module"]
    assert module["class"] == "DemoModule" and module["bases"] == ["tf.Module"]
    assert [(v["name"], v["line"]) for v in module["variables"]] == [("self.x", 9)]
    assert module["submodules"] == []


def test_keras_layer_submodule_and_text():
    r = CliRunner().invoke(main, ["explain", str(EXAMPLES / "keras_layer.py") + "::SoftClip.call"])
    assert "  module  class SoftClip(tf.keras.layers.Layer)" in r.stdout
    assert "submodules: self.dense (line 15, tf.keras.layers.Dense)" in r.stdout


def test_functions_have_no_module_section():
    r = CliRunner().invoke(main, ["explain", str(EXAMPLES / "seed_myadd.py") + "::myadd", "--format", "json"])
    assert "module" not in json.loads(r.stdout)["functions"][0]


def test_run_states_facts_of_the_installed_tensorflow():
    r = subprocess.run([sys.executable, "-m", "cli", "explain",
                        str(EXAMPLES / "keras_layer.py") + "::ClippedAccumulator.add_all", "--run",
                        "--calls", "tf.constant([1.0, 2.0])"],
                       capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    import tensorflow as tf
    expected = "is a" if issubclass(tf.keras.Model, tf.Module) else "is not a"
    assert f"tf.keras.Model {expected} tf.Module subclass with TensorFlow {tf.__version__}" in r.stdout, r.stdout + r.stderr
