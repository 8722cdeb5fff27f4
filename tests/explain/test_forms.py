"""`--calls` resolves each dispatch with the call's argument kinds (issue 12: the prediction
uses the same kinds as the conversion)."""
import json

from click.testing import CliRunner

from cli import main

SRC = """import tensorflow as tf

@tf.function
def f(x, n):
    if n > 0:
        x = x + 1
    for i in range(n):
        x = x * 2
    if g(x):
        x = x - 1
    return x
"""


def run(*args):
    r = CliRunner().invoke(main, ["explain", "-", *args], input=SRC)
    assert r.exit_code in (0, 1), r.output
    return r.stdout


def test_a_python_argument_takes_the_python_forms():
    out = run("--format", "json", "--calls", "tf.constant(1.0), 3")
    (call,) = json.loads(out)["calls"]
    forms = call["forms"]
    assert forms[0] == "with `n` python, `x` tensor:"
    assert "line 5 `if n > 0`: the Python `if`, decided while tracing" in forms
    assert "line 7 `for i in range(n)`: the Python `for` loop, unrolled while tracing" in forms
    assert any(f.startswith("line 9 `if g(x)`: still dispatched") for f in forms), forms


def test_a_tensor_argument_takes_the_graph_forms():
    out = run("--format", "json", "--calls", "tf.constant(1.0), tf.constant(3)")
    forms = json.loads(out)["calls"][0]["forms"]
    assert "line 5 `if n > 0`: tf.cond (graph control flow)" in forms
    assert "line 7 `for i in range(n)`: tf.while_loop (graph control flow)" in forms


def test_an_unreadable_argument_is_not_guessed():
    out = run("--format", "json", "--calls", "x, y")
    assert json.loads(out)["calls"][0]["forms"] == []
    text = run("--calls", "x, 2")
    assert "dispatch with `n` python:" in text and "`x`" not in text.split("dispatch with")[1].split("\n")[0]


def test_text_output_lists_the_forms_under_the_call():
    text = run("--calls", "tf.constant(1.0), 3", "--calls", "tf.constant(1.0), tf.constant(3)")
    first, second = text.split("  #1  ")[1].split("  #2  ")
    assert "the Python `if`" in first and "tf.cond (graph control flow)" in second
