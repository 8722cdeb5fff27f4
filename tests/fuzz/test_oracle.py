"""The oracle itself: it must flag wrong code, and keep TensorFlow's own bugs and Python's
unbounded ints apart from agx's mismatches."""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import oracle  # noqa: E402
from programs import Program  # noqa: E402

HEAD = "import tensorflow as tf\n\n\n@tf.function\ndef f(x, n):\n"


def test_a_wrong_conversion_is_a_mismatch(monkeypatch):
    program = Program(HEAD + "    a = n\n    if x > 0:\n        a = a + 1\n    return a, x\n")
    monkeypatch.setattr(oracle, "transpile", lambda src, target, strict=False: src.replace("a + 1", "a + 2"))
    result = oracle.check(program, autograph=False)
    assert not result.ok and result.outcome["tf2"].startswith("mismatch")


def test_grappler_bug_is_told_apart():
    program = Program(HEAD + "    a = n * 2 - 1\n    for i in tf.range(3):\n        a = a + (0 + a)\n"
                      "    return a, x\n")
    result = oracle.check(program, autograph=False)
    assert result.ok, result.outcome
    assert result.outcome["tf2"].startswith(("ok", "tf-bug"))  # "ok" once TensorFlow fixes it


def test_python_int_overflow_is_skipped():
    program = Program(HEAD + "    a = 3\n    for k in range(40):\n        a = a * 3\n    return a, x\n")
    result = oracle.check(program, autograph=False)
    assert result.ok and result.eager.startswith("skipped")


def test_a_kept_function_that_autograph_gets_wrong_is_a_mismatch(monkeypatch):
    """A refusal whose kept-as-written code runs but differs from eager is agx's wrong value."""
    program = Program(HEAD + "    a = n\n    if x > 0:\n        a = a + 1\n    return a, x\n")

    def fake(src, target, strict=False):
        if strict:
            raise oracle.TranspileError([])
        return src.replace("a + 1", "a + 2")
    monkeypatch.setattr(oracle, "transpile", fake)
    result = oracle.check(program, autograph=False)
    assert not result.ok and result.outcome["tf2"].startswith("mismatch: kept as written")


XS_HEAD = "import tensorflow as tf\n\n\n@tf.function\ndef f(x, n, xs):\n"
XS_BODY = ("    u = x\n    a = 0\n    for e in xs:\n        if e > 1.0:\n            break\n        u += e\n"
           "        a += 1\n    return a, u\n")


def _xs_program(wrap, targets=("tf2",)):
    return Program(XS_HEAD + XS_BODY, tuple((x, n, wrap(v)) for (x, n), v in
                                            zip([(0.5, 1), (1.0, 2), (-1.0, 0)], [(), (0.5, -1.0, 2.0), (1.5,)])),
                   targets, "xs_dataset")


def test_a_wrong_conversion_over_a_dataset_argument_is_a_mismatch(monkeypatch):
    from differential import Ds
    program = _xs_program(Ds)
    assert oracle.check(program, autograph=False).ok  # agx's own conversion agrees
    monkeypatch.setattr(oracle, "transpile", lambda src, target, strict=False: src.replace("e > 1.0", "e >= 0.5"))
    result = oracle.check(program, autograph=False)
    assert not result.ok and result.outcome["tf2"].startswith("mismatch"), result.outcome


def test_an_iterator_argument_is_made_fresh_for_every_call():
    """Eager consumes its iterator; agx's output must get a full one of its own."""
    from differential import It
    result = oracle.check(_xs_program(It), autograph=False)
    assert result.ok and result.outcome["tf2"] == "ok", result.outcome


def test_a_tf1_runner_refusing_a_dataset_parameter_is_refused_not_a_mismatch():
    from differential import Ds
    program = _xs_program(Ds, ("tf2", "tf1"))
    program = Program(program.source.replace("xs):", "xs: tf.data.Dataset):"), program.args, program.targets)
    result = oracle.check(program, autograph=False)
    assert result.ok and result.outcome["tf1"].startswith("refused") and "AGX506" in result.outcome["tf1"], result.outcome
    assert result.outcome["tf2"] == "ok", result.outcome


def test_an_internal_error_is_counted_apart_from_refusals(monkeypatch):
    """AGX000 (agx's own failure, e.g. an output that is not a fixed point) writes nothing, so
    it is no wrong value, but it is a bug: "internal", never "refused"."""
    from transpiler.diagnostics import Diagnostic
    program = Program(HEAD + "    a = n\n    if x > 0:\n        a = a + 1\n    return a, x\n")

    def fake(src, target, strict=False):
        raise oracle.TranspileError([Diagnostic("AGX000", "internal error: not stable")])
    monkeypatch.setattr(oracle, "transpile", fake)
    result = oracle.check(program, autograph=False)
    assert result.outcome["tf2"].startswith("internal AGX000: internal error: not stable"), result.outcome
    assert result.outcome["tf2"] != "ok" and not result.outcome["tf2"].startswith("refused")


# Pure Python, as a trace stuck in Python is (an alarm inside an eager TensorFlow op may crash it).
FOREVER = "    k = 0\n    while True:\n        k = k + 1\n    return n, x\n"


def test_converted_code_that_never_finishes_is_a_mismatch(monkeypatch):
    """Eager finished, so agx's code must: a Python loop that never ends (stuck while
    tracing) is stopped by the per-program time limit and counted as a mismatch."""
    program = Program(HEAD + "    a = n\n    if x > 0:\n        a = a + 1\n    return a, x\n")
    monkeypatch.setattr(oracle, "LIMIT", 2.0)
    monkeypatch.setattr(oracle, "transpile", lambda src, target, strict=False: HEAD.replace("@tf.function\n", "") + FOREVER)
    result = oracle.check(program, autograph=False)
    assert not result.ok and result.outcome["tf2"] == "mismatch: converted code did not finish in 2 s", result.outcome


def test_a_kept_function_that_autograph_never_finishes_is_refused(monkeypatch):
    """The seed-208 program: kept as written (AGX107), AutoGraph runs a Python `for` over a
    dataset while tracing and never ends. That is AutoGraph's hang, counted, not a hang of
    the campaign."""
    program = Program(HEAD + "    a = n\n    if x > 0:\n        a = a + 1\n    return a, x\n")

    def fake(src, target, strict=False):
        if strict:
            from transpiler.diagnostics import Diagnostic
            raise oracle.TranspileError([Diagnostic("AGX107", "kept")])
        return HEAD.replace("@tf.function\n", "") + FOREVER
    monkeypatch.setattr(oracle, "LIMIT", 2.0)
    monkeypatch.setattr(oracle, "transpile", fake)
    result = oracle.check(program, autograph=False)
    assert result.ok and result.outcome["tf2"] == "refused AGX107 (kept; AutoGraph did not finish in 2 s either)", result.outcome


def test_the_time_limit_leaves_no_alarm_behind():
    import signal
    with oracle.time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
