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


def test_an_internal_error_is_a_finding_not_a_refusal(monkeypatch):
    """AGX000 (the safety net rejected agx's output, e.g. not a fixed point) is a bug in agx:
    the oracle must not count it as an allowed refusal."""
    from transpiler.diagnostics import Diagnostic
    program = Program(HEAD + "    a = n\n    if x > 0:\n        a = a + 1\n    return a, x\n")

    def fake(src, target, strict=False):
        raise oracle.TranspileError([Diagnostic("AGX000", "internal error: not stable", "<string>", 5, 0)])
    monkeypatch.setattr(oracle, "transpile", fake)
    result = oracle.check(program, autograph=False)
    assert not result.ok and result.outcome["tf2"].startswith("crash: AGX000")
