"""agx explain says only what is true: every statement with its fate, Tensor tuples returned
as graph outputs, no false claim about Python values, and --run's observations."""
import json
import os

from click.testing import CliRunner

from cli import main
from transpiler.explain.model import CallReport
from transpiler.explain.observe import observe
from transpiler.explain.run import graph_printed

from helpers import report

HERE = os.path.dirname(__file__)
SEED = os.path.join(HERE, "..", "..", "examples", "seed_myadd.py")
SEED_CALLS = ['tf.constant("hello"), tf.constant("world")', 'tf.constant(1), tf.constant(2)',
              'tf.constant(3), tf.constant(4)']

BREAKS = """
import tensorflow as tf

@tf.function
def first_big(v, limit):
    n = tf.shape(v)[0]
    i = 0
    found = -1
    while i < n:
        if v[i] > limit:
            found = i
            break
        i += 1
    return found

@tf.function
def unrolled(x):
    for k in range(5):
        if k == 3:
            break
        if k == 1:
            continue
        x = x + k
    return x

@tf.function
def sizes(mask):
    mask_size = tf.reduce_sum(tf.cast(mask, tf.int32))
    offset = tf.shape(mask)[0] - mask_size
    return mask_size, offset

@tf.function
def maybe(x):
    if opaque(x):
        x = x + 1
    return x
"""


def _fates(name):
    return {s.source: (s.fate, s.reason) for s in report(BREAKS, name).statements}


def test_break_and_continue_are_in_the_statement_table():
    fates = _fates("first_big")
    assert fates["break"][0] == "graph" and "did_break" in fates["break"][1]
    lines = [s.line for s in report(BREAKS, "first_big").statements]
    assert lines == sorted(lines) and len(lines) == 9  # every statement of the body
    python = _fates("unrolled")
    assert python["break"] == ("trace-only", "ends the Python loop while tracing (unrolling stops here)")
    assert python["continue"][0] == "trace-only"


def test_a_returned_tuple_of_tensors_is_a_graph_output():
    assert _fates("sizes")["return mask_size, offset"] == ("graph", "returns the function's outputs")


def test_an_unknown_condition_is_not_said_to_work_for_any_python_value():
    reason = _fates("maybe")["if opaque(x):"][1]
    assert "also works for Python values" not in reason
    assert "dispatched while tracing" in reason and "the Python `if` otherwise" in reason


def test_graph_printed_drops_tensorflows_own_log_lines():
    text = ("0\n"
            "E0000 00:00:1796144755.038510    5616 cuda_platform.cc:52] failed call to cuInit: INTERNAL\n"
            "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
            "I0000 00:00:1796144749.990801    5616 cudart_stub.cc:31] Could not find cuda drivers\n"
            "[1 2]\n")
    assert graph_printed(text) == "0\n[1 2]\n"


def test_run_compares_each_observable_statement():
    args = ["explain", f"{SEED}::myadd", "--run", "--format", "json"] + [x for c in SEED_CALLS for x in ("--calls", c)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (printed,) = doc["observed_statements"]
    assert printed["source"] == 'print("tracing")' and printed["agrees"] is True
    assert printed["observed"] == "Python printed on #1, #2; traced on #1, #2"
    for call in doc["calls"]:  # nothing but what the program printed
        assert "tracing" in call["printed"] or not call["printed"]
    text = CliRunner().invoke(main, args[:3] + args[5:]).stdout
    assert "statements: predicted vs observed" in text and "cuInit" not in text
    assert text.count("graph printed:  0 | 1 | 2") == 3


def test_a_statement_observation_can_disagree():
    r = report("""
        import tensorflow as tf

        @tf.function
        def f(x):
            print("hi")
            tf.print(x)
            return x
    """)
    calls = [CallReport("1", True, "", observed_trace=True, printed="hi\n", graph_output="1\n", ran=True),
             CallReport("1", False, "", observed_trace=False, printed="hi\n", graph_output="", ran=True)]
    py_print, tf_print = observe(r, calls)
    assert py_print["agrees"] is False and "printed on #1, #2; traced on #1" in py_print["observed"]
    assert tf_print["agrees"] is False and tf_print["observed"] == "the graph printed on #1 of #1, #2"


OPTIONS = """
import tensorflow as tf

@tf.function(experimental_autograph_options=tf.autograph.experimental.Feature.BUILTIN_FUNCTIONS,
             reduce_retracing=True)
def f(x):
    print(x)
    return x + 1

@tf.function
def g(x):
    return x
"""


def test_autograph_options_are_reported_and_dropped():
    from transpiler import transpile
    (finding,) = [x for x in report(OPTIONS, "f").findings if x.code == "AGX420"]
    assert finding.severity == "warning" and (finding.line, finding.col) == (4, 13)
    assert "BUILTIN_FUNCTIONS" in finding.explanation and "tf.print" in finding.explanation
    assert not [x for x in report(OPTIONS, "g").findings if x.code == "AGX420"]
    out = transpile(OPTIONS.lstrip("\n"))
    assert "@tf.function(reduce_retracing=True, autograph=False)" in out
    assert "experimental_autograph_options" not in out
