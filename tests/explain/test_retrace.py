"""Retrace prediction: the static model, and agreement with what TensorFlow does (--run)."""
import json
import os

import pytest
from click.testing import CliRunner

from cli import main
from transpiler import analyze
from transpiler.explain.calls import PyT, SeqT, TensorT, Unknown, parse_calls
from transpiler.explain.retrace import predict, signature_of

HERE = os.path.dirname(__file__)
CASES = os.path.join(HERE, "fixtures", "retrace_cases.py")
SEED = os.path.join(HERE, "..", "..", "examples", "seed_myadd.py")
SEED_CALLS = ['tf.constant("hello"), tf.constant("world")', 'tf.constant("good"), tf.constant("morning")',
              'tf.constant(1), tf.constant(2)', '"hello", "world"', '"good", "morning"']


def predicted(path, name, calls):
    text = open(path).read()
    analysis = analyze(text, filename=path)
    info = next(f for f in analysis.functions if f.name == name)
    target = next(t for t in analysis.selected if t.qualname == name)
    deco = target.node.decorator_list[0] if target.node.decorator_list else None
    sig = signature_of(info, deco, target.signature)
    return [c.predicted_trace for c in predict(sig, [parse_calls(c) for c in calls])]


def test_seed_five_calls():
    assert predicted(SEED, "myadd", SEED_CALLS) == [True, False, True, True, True]


def test_trace_types_of_arguments():
    args = parse_calls('tf.constant([[1, 2], [3, 4]]), tf.zeros([2], dtype=tf.int64), 3, [1, "a"], '
                       'np.array([1.5]), tf.range(5), x, k=tf.constant("s")').args
    assert args[0] == TensorT("int32", (2, 2))
    assert args[1] == TensorT("int64", (2,))
    assert args[2] == PyT(3)
    assert args[3] == SeqT("list", (PyT(1), PyT("a")))
    assert args[4] == TensorT("float64", (1,))
    assert args[5] == TensorT("int32", (5,))
    assert isinstance(args[6], Unknown)


def test_python_numbers_compare_by_value():
    assert predicted(CASES, "identity", ["1", "1.0", "True", "2"]) == [True, False, False, True]


def test_keyword_and_default_arguments_bind_alike():
    assert predicted(CASES, "with_default", ["1", "1, 2", "a=1, b=2", "1, b=3"]) == [True, False, False, True]


def test_unreadable_argument_is_not_guessed():
    assert predicted(CASES, "identity", ["tf.constant(1)", "some_tensor", "tf.constant(2)"]) == [True, None, False]


def test_signature_mismatch_is_predicted_as_an_error():
    assert predicted(CASES, "signed", ["tf.constant(1.0)", "3.0", "tf.constant(1)"]) == [True, False, None]


def test_wrong_arity_is_predicted_as_an_error():
    assert predicted(CASES, "identity", ["1, 2"]) == [None]


AGREEMENT = [
    (SEED, "myadd", SEED_CALLS),
    (CASES, "identity", ["tf.zeros([2])", "tf.zeros([3])", "tf.zeros([2])", "np.zeros(2)", "np.zeros(3)",
                         "tf.zeros([2], dtype=tf.float64)"]),
    (CASES, "identity", ["1", "1.0", "True", "2", "None", "None", "'a'"]),
    (CASES, "with_default", ["1", "1, 2", "a=1, b=2", "1, b=3", "tf.constant(1)"]),
    (CASES, "structure", ["[1, 2]", "[1, 2]", "(1, 2)", "[tf.constant(1)]", "[tf.constant(2)]",
                          "{'a': tf.constant(1.0)}", "{'a': tf.constant(2.0)}"]),
    (CASES, "signed", ["tf.constant(1.0)", "3.0", "tf.constant(2.0)", "tf.constant(1)"]),
    (CASES, "relaxed", ["tf.zeros([2])", "tf.zeros([3])", "tf.zeros([4])", "tf.zeros([2, 2])", "tf.zeros([3, 3])"]),
    (CASES, "pair", ["tf.constant(1)", "tf.constant(1), training=True", "tf.constant(2), True", "tf.constant(3)"]),
    (CASES, "Scaler.scale", ["tf.constant(1.0)", "tf.constant(2.0)", "tf.constant([1.0])"]),
]


@pytest.mark.parametrize("path,name,calls", AGREEMENT, ids=[f"{n}-{i}" for i, (_, n, _) in enumerate(AGREEMENT)])
def test_prediction_agrees_with_observation(path, name, calls):
    args = ["explain", f"{path}::{name}", "--format", "json", "--run"]
    for c in calls:
        args += ["--calls", c]
    result = CliRunner().invoke(main, args)
    doc = json.loads(result.stdout)
    for call in doc["calls"]:
        assert "observed_trace" in call
        if call["predicted_trace"] is None:
            assert call["observed_error"], call  # predicted to fail: it must fail
        else:
            assert call["predicted_trace"] == call["observed_trace"], call
    assert result.exit_code == 0, result.output


def test_run_captures_prints_while_tracing():
    args = ["explain", f"{SEED}::myadd", "--run"] + [x for c in SEED_CALLS for x in ("--calls", c)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Python printed: tracing") == 4
    observed = [line for line in result.stdout.splitlines() if line.strip().startswith("observed:")]
    assert len(observed) == 6 and all(line.endswith("agrees") for line in observed)  # 5 calls, 1 print
    assert "graph printed:  0 | 1 | 2" in result.stdout


def test_disagreement_is_flagged(tmp_path):
    # the module calls f at import: the first --calls call then reuses that graph,
    # against the prediction "first call traces" -- shown, not hidden, and exit 1
    src = tmp_path / "tricky.py"
    src.write_text("import tensorflow as tf\n\n"
                   "@tf.function\ndef f(x):\n    return x\n\n"
                   "f(tf.constant(1))\n")
    args = ["explain", f"{src}::f", "--run", "--calls", "tf.constant(1)", "--calls", "tf.constant(2)"]
    result = CliRunner().invoke(main, args)
    assert "importing the module already traced f 1 time" in result.stdout
    assert "DISAGREES" in result.stdout and result.exit_code == 1


def test_graph_is_written(tmp_path):
    logdir = tmp_path / "logs"
    result = CliRunner().invoke(main, ["explain", f"{SEED}::myadd", "--run", "--calls", "tf.constant(1), 2",
                                       "--graph", str(logdir)])
    assert result.exit_code == 0, result.output
    assert any(p.name.startswith("events.out.tfevents") for p in logdir.rglob("*"))


def test_predicted_failure_agrees_when_the_call_fails():
    path = os.path.join(HERE, "..", "..", "examples", "seed_demo_module.py")
    args = ["explain", f"{path}::DemoModule.addprint", "--run",
            "--calls", "tf.constant(5.0)", "--calls", "3.0", "--calls", "tf.constant(3)"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "predicted: error" in result.stdout and "raised:    TypeError" in result.stdout
    assert "every prediction agrees" in result.stdout
    assert "graph printed:  5" in result.stdout and "graph printed:  8" in result.stdout


def test_run_from_stdin_keeps_tensorflow_logs_out_of_the_graph_output():
    source = 'import tensorflow as tf\n@tf.function\ndef g(x):\n    print("t")\n    return x * 2\n'
    result = CliRunner().invoke(main, ["explain", "-", "--run", "--calls", "tf.constant(1)",
                                       "--calls", "tf.constant(2)"], input=source)
    assert result.exit_code == 0, result.output
    assert "Python printed: t" in result.stdout
    assert "graph printed" not in result.stdout and "WARNING" not in result.stdout


@pytest.mark.parametrize("body,fails", [
    ("    v = tf.Variable(1.0)\n    return v + x\n", True),
    ("    if x > 0:\n        y = bool(x)\n    return x\n", True),          # lowered if: traced
    ("    if flag:\n        v = tf.Variable(1.0)\n    return x\n", False),  # Python if: maybe not
])
def test_tracing_that_always_raises_predicts_failing_calls(tmp_path, body, fails):
    src = tmp_path / "v.py"
    src.write_text("import tensorflow as tf\nflag = False\n@tf.function\ndef f(x: tf.Tensor):\n" + body)
    result = CliRunner().invoke(main, ["explain", f"{src}::f", "--format", "json", "--run",
                                       "--calls", "tf.constant(1.0)"])
    (call,) = json.loads(result.stdout)["calls"]
    assert (call["predicted_trace"] is None) == fails
    assert (call["observed_error"] is not None) == fails
